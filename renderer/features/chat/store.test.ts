import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../../testing/install.ts";
import { untilAborted, type FakeApi } from "../../testing/fake-api.ts";
import { conversation, entry, loadedModel, message } from "../../testing/fixtures.ts";
import { DELTA_FLUSH_MS, deleteConversation, editMessage, initialChatState, loadCollections, openConversation, regenerate, send, setCollection, showVersion, stop, useChatStore } from "./store.ts";
import type { Conversation } from "../../../native/contract/conversations.ts";

let api: FakeApi;
let stored: Conversation;

beforeEach(() => {
  api = freshApi();
  stored = conversation("c1");
  api
    .handle("conversations.create", () => stored)
    .handle("conversations.get", () => stored)
    .handle("conversations.list", () => ({ conversations: [stored] }))
    .handle("inference.status", () => ({ loaded: loadedModel(entry({ id: "m" })), rssBytes: 1, busy: false }));
});

const tick = () => new Promise((r) => setTimeout(r, 0));

test("send in a new chat creates the conversation, streams its own deltas only, then shows what the engine stored", async () => {
  let release!: () => void;
  api.handle("chat.send", async (input, { requestId }) => {
    api.emit("chat.delta", { requestId, conversationId: "c1", messageId: "a1", kind: "thinking", text: "hmm" });
    api.emit("chat.delta", { requestId, conversationId: "c1", messageId: "a1", kind: "text", text: "Hel" });
    api.emit("chat.delta", { requestId: "someone-else", conversationId: "c9", messageId: "x", kind: "text", text: "NOISE" });
    api.emit("chat.delta", { requestId, conversationId: "c1", messageId: "a1", kind: "text", text: "lo" });
    await new Promise<void>((r) => (release = r));
    const user = message({ id: "u1", role: "user", text: input.text });
    const answer = message({ id: "a1", role: "assistant", text: "Hello", status: "complete", stopReason: "eos" });
    stored = conversation("c1", [user, answer]);
    return { conversationId: "c1", userMessage: user, assistantMessage: answer };
  });

  const sending = send("  Hi there ");
  await tick();
  // The first delta shows at once; the rest arrived within DELTA_FLUSH_MS and show together.
  assert.equal(useChatStore.getState().messages[1]!.thinking, "hmm");
  assert.equal(useChatStore.getState().messages[1]!.text, "");
  await new Promise((r) => setTimeout(r, DELTA_FLUSH_MS + 10));
  const live = useChatStore.getState().messages;
  assert.equal(live.length, 2);
  assert.equal(live[0]!.text, "Hi there");
  assert.equal(live[1]!.text, "Hello");
  assert.equal(live[1]!.thinking, "hmm");
  assert.equal(live[1]!.status, "streaming");
  assert.ok(useChatStore.getState().turn);
  assert.deepEqual(api.callsOf("chat.send")[0]!.input, { conversationId: "c1", text: "Hi there" });

  release();
  await sending;
  const s = useChatStore.getState();
  assert.equal(s.turn, null);
  assert.deepEqual(s.messages.map((m) => m.id), ["u1", "a1"]);
  assert.equal(s.active?.id, "c1");
  assert.equal(api.listenerCount("chat.delta"), 0, "the delta listener is removed when the turn ends");
});

test("stop cancels the turn's own request and keeps the partial answer the engine saved", async () => {
  await openConversation("c1");
  api.handle("chat.send", async (_input, { signal }) => {
    await untilAborted(signal).catch(() => {});
    const answer = message({ id: "a1", role: "assistant", text: "Part", status: "complete", stopReason: "aborted" });
    stored = conversation("c1", [message({ id: "u1", role: "user", text: "Q" }), answer]);
    return { conversationId: "c1", userMessage: null, assistantMessage: answer };
  });
  const sending = send("Q");
  await tick();
  const requestId = useChatStore.getState().turn!.requestId;
  stop();
  await sending;
  assert.deepEqual(api.cancelled, [requestId]);
  assert.equal(useChatStore.getState().messages.at(-1)!.text, "Part");
  assert.equal(useChatStore.getState().messages.at(-1)!.stopReason, "aborted");
});

test("a failed send rejects with the engine's error and leaves no pending bubbles", async () => {
  await openConversation("c1");
  api.handle("chat.send", () => {
    throw { code: "NO_MODEL_LOADED", message: "Load a model first." };
  });
  await assert.rejects(send("Hello"), { code: "NO_MODEL_LOADED", message: "Load a model first." });
  assert.deepEqual(useChatStore.getState().messages, []);
  assert.equal(useChatStore.getState().turn, null);
});

test("a second send while answering is refused", async () => {
  await openConversation("c1");
  api.handle("chat.send", (_i, { signal }) => untilAborted(signal));
  const first = send("one");
  await tick();
  await assert.rejects(send("two"), { code: "BUSY" });
  stop();
  await first;
});

test("edit truncates at the edited message and asks the engine to answer again", async () => {
  stored = conversation("c1", [
    message({ id: "u1", role: "user", text: "first" }),
    message({ id: "a1", role: "assistant", text: "one" }),
    message({ id: "u2", role: "user", text: "second" }),
    message({ id: "a2", role: "assistant", text: "two" }),
  ]);
  await openConversation("c1");
  let seen: string[] = [];
  api.handle("chat.edit", () => {
    seen = useChatStore.getState().messages.map((m) => m.text);
    return { conversationId: "c1", userMessage: null, assistantMessage: message({ id: "a1b", role: "assistant", text: "x" }) };
  });
  await editMessage("u1", "changed");
  assert.deepEqual(seen, ["changed", ""]);
  assert.deepEqual(api.callsOf("chat.edit")[0]!.input, { conversationId: "c1", messageId: "u1", text: "changed" });
  await assert.rejects(editMessage("u1", "   "), { code: "INVALID_INPUT" });
});

test("with a collection chosen, questions go through rag.ask; without a model the passages are shown", async () => {
  await setCollection("contracts");
  const source = { n: 1, documentId: "d", file: "/docs/lease.pdf", page: 4, pageEnd: 4, text: "The rent is\n due monthly.", score: 1, quotes: [], verified: true };
  api.handle("rag.ask", () => ({ answer: null, conversationId: null, message: null, citations: [], sources: [source], hits: [] }));
  await send("When is rent due?");
  assert.deepEqual(api.callsOf("rag.ask")[0]!.input, { question: "When is rent due?", collection: "contracts" });
  const shown = useChatStore.getState().messages;
  assert.equal(shown[0]!.text, "When is rent due?");
  assert.match(shown[1]!.text, /No model is loaded, so here are the most relevant passages\./);
  assert.deepEqual(shown[1]!.sources, [source], "the passages are listed as numbered, openable sources");
});

test("deleting the open conversation returns to a new chat", async () => {
  api.handle("conversations.delete", () => ({ deleted: true }));
  await openConversation("c1");
  await deleteConversation("c1");
  assert.equal(useChatStore.getState().active, null);
  assert.deepEqual(useChatStore.getState().messages, []);
});

test("a first message with no model loaded creates no conversation and says what to do", async () => {
  api.handle("inference.status", () => ({ loaded: null, rssBytes: 1, busy: false }));
  await assert.rejects(send("Hello?"), { code: "NO_MODEL_LOADED", message: /Ctrl\+K/ });
  assert.equal(api.callsOf("conversations.create").length, 0);
  assert.equal(useChatStore.getState().active, null);
  assert.deepEqual(useChatStore.getState().messages, []);
});

const collections = (...names: string[]) => ({ collections: names.map((name) => ({ name, documents: 1, failed: 0, chunks: 1, embedderId: null })) });

test("a conversation's collection is the engine's record: shown on open, changed through conversations.update", async () => {
  api.handle("rag.collections", () => collections("contracts", "memos"));
  await loadCollections();
  stored = { ...conversation("c1"), collection: "contracts" };
  await openConversation("c1");
  assert.equal(useChatStore.getState().collection, "contracts");

  api.handle("conversations.update", (input) => (stored = { ...stored, collection: input.collection ?? null }));
  await setCollection("memos");
  assert.deepEqual(api.callsOf("conversations.update")[0]!.input, { id: "c1", collection: "memos" });
  // Another window (a fresh store) reads the same choice from the engine; nothing is kept locally.
  useChatStore.setState(initialChatState(), true);
  await loadCollections();
  await openConversation("c1");
  assert.equal(useChatStore.getState().collection, "memos");

  await setCollection(null);
  assert.equal(stored.collection, null);
  api.handle("conversations.update", () => Promise.reject(new Error("engine gone")));
  await assert.rejects(setCollection("contracts"));
  assert.equal(useChatStore.getState().collection, null, "a choice the engine did not record is not shown");
});

test("a recorded collection that no longer exists is not offered when the conversation opens", async () => {
  api.handle("rag.collections", () => collections("memos"));
  await loadCollections();
  stored = { ...conversation("c1"), collection: "contracts" };
  await openConversation("c1");
  assert.equal(useChatStore.getState().collection, null);
});

test("regenerate is decided by the engine: always chat.regenerate, the new answer standing in place while written", async () => {
  const question = message({ id: "u1", role: "user", text: "When is rent due?" });
  stored = { ...conversation("c1", [question, message({ id: "a1", role: "assistant", text: "Monthly.", status: "complete" })]), collection: "contracts" };
  await openConversation("c1");
  let shown: string[] = [];
  api.handle("chat.regenerate", () => {
    shown = useChatStore.getState().messages.map((m) => m.id);
    const again = message({ id: "a2", role: "assistant", text: "Each month.", status: "complete", versions: { index: 2, ids: ["a1", "a2"] } });
    stored = { ...stored, messages: [question, again] };
    return { conversationId: "c1", userMessage: null, assistantMessage: again };
  });
  await regenerate();
  assert.equal(api.callsOf("rag.ask").length, 0);
  assert.deepEqual(shown.length, 2);
  assert.equal(shown[0], "u1");
  assert.deepEqual(useChatStore.getState().messages[1]!.versions, { index: 2, ids: ["a1", "a2"] });

  // ‹ 1/2 ›: the engine shows the other version.
  api.handle("conversations.selectVersion", (input) => {
    assert.deepEqual(input, { id: "c1", messageId: "a1" });
    return { ...stored, messages: [question, message({ id: "a1", role: "assistant", text: "Monthly.", status: "complete", versions: { index: 1, ids: ["a1", "a2"] } })] };
  });
  await showVersion("a1");
  assert.equal(useChatStore.getState().messages[1]!.text, "Monthly.");
});

test("regenerating a plain answer replaces it through chat.regenerate", async () => {
  stored = conversation("c1", [message({ id: "u1", role: "user", text: "Hi" }), message({ id: "a1", role: "assistant", text: "Hello", status: "complete" })]);
  await openConversation("c1");
  api.handle("chat.regenerate", () => ({ conversationId: "c1", userMessage: stored.messages[0]!, assistantMessage: stored.messages[1]! }));
  await regenerate();
  assert.equal(api.callsOf("chat.regenerate").length, 1);
  assert.equal(api.callsOf("rag.ask").length, 0);
});
