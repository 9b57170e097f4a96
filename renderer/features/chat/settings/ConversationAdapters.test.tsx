import "../../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { freshApi } from "../../../testing/install.ts";
import type { FakeApi } from "../../../testing/fake-api.ts";
import { conversation, entry, group, loadedModel } from "../../../testing/fixtures.ts";
import type { Conversation } from "../../../../native/contract/conversations.ts";
import { useChatStore } from "../store.ts";
import { useModelsStore } from "../../../shared/models/store.ts";
import { ConversationAdapters } from "./ConversationAdapters.tsx";

let api: FakeApi;
let stored: Conversation;
const style = entry({ id: "style", path: "/adapters/style.gguf", displayName: "style.gguf", kind: "adapter" });

beforeEach(() => {
  api = freshApi();
  stored = conversation("c1");
  api.handle("conversations.update", ({ lora }) => (stored = { ...stored, lora: lora ?? null }));
  useChatStore.setState({ active: stored });
  useModelsStore.setState({ listed: true, groups: [group("adapters", "Adapters", [{ ...style, estimate: null } as never])], loaded: { ...loadedModel(entry({ id: "m" })), lora: [{ path: "/adapters/model-side.gguf", scale: 1 }] } });
});
afterEach(cleanup);

const updates = () => api.calls.filter((c) => c.method === "conversations.update").map((c) => (c.input as { lora: unknown }).lora);

test("a conversation without a list follows the model's adapters; its first own list starts from them", async () => {
  render(<ConversationAdapters />);
  screen.getByText(/Follows the loaded model's adapters \(Models page\): model-side\.gguf ×1\./);
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Add adapter" })));
  assert.deepEqual(updates(), [[{ path: "/adapters/model-side.gguf", scale: 1 }, { path: "/adapters/style.gguf", scale: 1 }]]);
  const list = screen.getByRole("list", { name: "This conversation's adapters" });
  assert.match(list.textContent ?? "", /model-side\.gguf.*style\.gguf/);
});

test("a path is added, a scale is clamped, one is removed; 'no adapters' and 'follow the model's' are distinct", async () => {
  stored = { ...stored, lora: [{ path: "/adapters/style.gguf", scale: 1 }] };
  useChatStore.setState({ active: stored });
  render(<ConversationAdapters />);
  fireEvent.change(screen.getByLabelText("Adapter file path"), { target: { value: " /elsewhere/tone.gguf " } });
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Add file" })));
  const scale = screen.getByLabelText("Scale of tone.gguf");
  fireEvent.change(scale, { target: { value: "99" } });
  await act(async () => fireEvent.keyDown(scale, { key: "Enter" }));
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Remove style.gguf from this conversation" })));
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Use no adapters" })));
  screen.getByText("None: this conversation is answered without adapters.");
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Follow the model's adapters" })));
  assert.deepEqual(updates(), [
    [{ path: "/adapters/style.gguf", scale: 1 }, { path: "/elsewhere/tone.gguf", scale: 1 }],
    [{ path: "/adapters/style.gguf", scale: 1 }, { path: "/elsewhere/tone.gguf", scale: 10 }],
    [{ path: "/elsewhere/tone.gguf", scale: 10 }],
    [],
    null,
  ]);
  screen.getByText(/Follows the loaded model's adapters/);
});

test("an adapter already in the list is not added twice, and the engine's refusal is shown", async () => {
  stored = { ...stored, lora: [{ path: "/elsewhere/tone.gguf", scale: 1 }] };
  useChatStore.setState({ active: stored });
  render(<ConversationAdapters />);
  fireEvent.change(screen.getByLabelText("Adapter file path"), { target: { value: "/elsewhere/tone.gguf" } });
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Add file" })));
  assert.match(screen.getByRole("alert").textContent ?? "", /already in this conversation's list/);
  api.handle("conversations.update", () => {
    throw { code: "INVALID_INPUT", message: "lora: A conversation can use at most 8 adapters." };
  });
  fireEvent.change(screen.getByLabelText("Adapter file path"), { target: { value: "/elsewhere/other.gguf" } });
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Add file" })));
  assert.match(screen.getByRole("alert").textContent ?? "", /at most 8 adapters/);
  assert.equal((screen.getByLabelText("Adapter file path") as HTMLInputElement).value, "/elsewhere/other.gguf", "the typed path is kept after a refusal");
});
