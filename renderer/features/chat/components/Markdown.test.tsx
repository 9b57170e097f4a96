import "../../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Markdown } from "./Markdown.tsx";
import { freshApi } from "../../../testing/install.ts";
import type { FakeApi } from "../../../testing/fake-api.ts";

afterEach(cleanup);
let api: FakeApi;
let copied: string[];
beforeEach(() => {
  api = freshApi().handle("shell.openExternal", () => ({ opened: true }));
  copied = [];
  Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
});

test("a code block has a copy button that copies exactly its code", async () => {
  render(<Markdown text={"Try:\n\n```js\nconst a = 1;\nconsole.log(a);\n```\n"} />);
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Copy code" }));
  });
  assert.deepEqual(copied, ["const a = 1;\nconsole.log(a);\n"]);
});

test("links open through the host, never in the app window; other schemes do nothing", async () => {
  render(<Markdown text={"See [the docs](https://example.org/x) or [this](javascript:alert(1))."} />);
  await act(async () => {
    fireEvent.click(screen.getByRole("link", { name: "the docs" }));
  });
  assert.deepEqual(api.callsOf("shell.openExternal").map((c) => c.input), [{ url: "https://example.org/x" }]);
  const bad = screen.getByText("this");
  assert.ok(!(bad.getAttribute("href") ?? "").startsWith("javascript:"));
  await act(async () => {
    fireEvent.click(bad);
  });
  assert.equal(api.callsOf("shell.openExternal").length, 1);
});

test("GitHub tables render as tables", () => {
  const { container } = render(<Markdown text={"| a | b |\n|---|---|\n| 1 | 2 |\n"} />);
  assert.equal(container.querySelectorAll("table td").length, 2);
});
