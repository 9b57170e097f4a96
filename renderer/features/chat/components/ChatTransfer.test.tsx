// Export / import from the chat head, against a fake engine: the open conversation's export reaches
// the browser as a download named by the engine; an import opens what it created and says so; a bad
// file is refused with a sentence. jsdom has no object URLs or downloads, so those two are stubbed.
import "../../../test-setup.ts";
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FakeApi } from "../../../testing/fake-api.ts";
import { conversation, message } from "../../../testing/fixtures.ts";
import { installApi } from "../../../services/api.ts";
import { initialAppState, useAppStore } from "../../../shared/app-store.ts";
import { initialChatState, useChatStore } from "../store.ts";
import { ChatTransfer } from "./ChatTransfer.tsx";

let fake: FakeApi;
let downloads: { name: string; href: string }[];
const stored = conversation("c1", [message({ id: "m1", role: "user", text: "Hi" })], "Budget review");

beforeEach(() => {
  useChatStore.setState(initialChatState(), true);
  useAppStore.setState({ ...initialAppState }, true);
  downloads = [];
  URL.createObjectURL = () => "blob:export";
  URL.revokeObjectURL = () => {};
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, href: this.href });
  };
  fake = new FakeApi()
    .handle("conversations.export", ({ format }) => ({ format, fileName: `Budget-review.${format === "json" ? "json" : "md"}`, content: "# Budget review", count: 1 }))
    .handle("conversations.list", () => ({ conversations: [stored] }))
    .handle("conversations.get", () => stored)
    .handle("conversations.import", () => ({ conversations: [stored] }));
  installApi(fake);
});
afterEach(cleanup);

const toasts = () => useAppStore.getState().toasts.map((t) => `${t.level}: ${t.text}`);

test("with no open conversation export is disabled and says why; import stays available", () => {
  render(<ChatTransfer />);
  assert.equal((screen.getByRole("button", { name: "Export as Markdown" }) as HTMLButtonElement).disabled, true);
  assert.equal((screen.getByRole("button", { name: "Export as JSON" }) as HTMLButtonElement).disabled, true);
  screen.getByText("Open a conversation to export it.");
  assert.equal((screen.getByRole("button", { name: "Import JSON…" }) as HTMLButtonElement).disabled, false);
});

test("the open conversation exports as Markdown and as JSON, named by the engine", async () => {
  useChatStore.setState({ active: stored, messages: stored.messages });
  render(<ChatTransfer />);
  fireEvent.click(screen.getByRole("button", { name: "Export as Markdown" }));
  await waitFor(() => assert.equal(downloads.length, 1));
  fireEvent.click(screen.getByRole("button", { name: "Export as JSON" }));
  await waitFor(() => assert.equal(downloads.length, 2));
  assert.deepEqual(fake.callsOf("conversations.export").map((c) => c.input), [
    { format: "markdown", ids: ["c1"] },
    { format: "json", ids: ["c1"] },
  ]);
  assert.deepEqual(downloads.map((d) => d.name), ["Budget-review.md", "Budget-review.json"]);
  assert.deepEqual(toasts(), ["info: Exported “Budget review” as Markdown.", "info: Exported “Budget review” as JSON."]);
});

test("an imported file becomes a conversation that opens; an empty or refused file says why", async () => {
  render(<ChatTransfer />);
  const input = screen.getByLabelText("Conversation file to import");
  fireEvent.change(input, { target: { files: [new File(['{"format":"enclave.conversations"}'], "budget.json", { type: "application/json" })] } });
  await waitFor(() => assert.equal(useChatStore.getState().active?.id, "c1"));
  assert.deepEqual(fake.callsOf("conversations.import")[0]!.input, { json: '{"format":"enclave.conversations"}' });
  assert.deepEqual(toasts(), ["info: Imported “Budget review”."]);

  fireEvent.change(input, { target: { files: [new File(["  "], "empty.json")] } });
  await waitFor(() => assert.ok(toasts().includes("error: “empty.json” is empty; choose a JSON export from Enclave.")));
  assert.equal(fake.callsOf("conversations.import").length, 1, "nothing sent");

  fake.handle("conversations.import", () => {
    throw { code: "INVALID_INPUT", message: "This is not an Enclave conversation export." };
  });
  fireEvent.change(input, { target: { files: [new File(["[]"], "other.json")] } });
  await waitFor(() => assert.ok(toasts().includes("error: This is not an Enclave conversation export.")));
});
