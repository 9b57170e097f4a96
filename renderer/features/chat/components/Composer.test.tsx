import "../../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, fireEvent, render, screen, act } from "@testing-library/react";
import { Composer } from "./Composer.tsx";

afterEach(cleanup);

function setup(streaming = false, onSend: (t: string) => Promise<void> = async () => {}) {
  const sent: string[] = [];
  let stops = 0;
  render(
    <Composer
      streaming={streaming}
      placeholder="Message"
      onSend={(t) => {
        sent.push(t);
        return onSend(t);
      }}
      onStop={() => stops++}
    />,
  );
  const box = screen.getByLabelText("Message") as HTMLTextAreaElement;
  return { box, sent, stops: () => stops };
}

test("Enter sends and clears; Shift+Enter does not send; an empty box sends nothing", () => {
  const { box, sent } = setup();
  fireEvent.keyDown(box, { key: "Enter" });
  assert.deepEqual(sent, []);
  fireEvent.change(box, { target: { value: "Hello" } });
  fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
  assert.deepEqual(sent, []);
  fireEvent.keyDown(box, { key: "Enter" });
  assert.deepEqual(sent, ["Hello"]);
  assert.equal(box.value, "");
});

test("Ctrl+Enter and the Send button send too", () => {
  const { box, sent } = setup();
  fireEvent.change(box, { target: { value: "one" } });
  fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
  fireEvent.change(box, { target: { value: "two" } });
  fireEvent.click(screen.getByRole("button", { name: /send message/i }));
  assert.deepEqual(sent, ["one", "two"]);
});

test("while an answer streams, Esc and the Stop button stop it and nothing is sent", () => {
  const { box, sent, stops } = setup(true);
  fireEvent.change(box, { target: { value: "next" } });
  fireEvent.keyDown(box, { key: "Enter" });
  fireEvent.keyDown(box, { key: "Escape" });
  fireEvent.click(screen.getByRole("button", { name: /stop answer/i }));
  assert.deepEqual(sent, []);
  assert.equal(stops(), 2);
});

test("a message that fails to send comes back into the box", async () => {
  const { box } = setup(false, () => Promise.reject({ code: "NO_MODEL_LOADED", message: "Load a model first." }));
  fireEvent.change(box, { target: { value: "keep me" } });
  await act(async () => {
    fireEvent.keyDown(box, { key: "Enter" });
  });
  assert.equal(box.value, "keep me");
});
