import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEngineError, type ErrorCode } from "../contract/errors.ts";
import { Conversation, ConversationSummary, Message } from "../contract/conversations.ts";
import { ConversationStore, DEFAULT_TITLE, titleFromText, type ConversationStoreOptions } from "./conversation-store.ts";

const STATS = {
  promptTokens: 10,
  evaluatedPromptTokens: 10,
  outputTokens: 2,
  ttftMs: 5,
  totalMs: 9,
  tokensPerSecond: 200,
  threads: 2,
  modelId: "m",
  modelName: "Model",
  quant: null,
};

/** A temp data folder and a clock that moves one second per reading. */
async function withStore(
  fn: (ctx: { dataDir: string; open: (o?: ConversationStoreOptions) => ConversationStore; warnings: string[] }) => void | Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "enclave-store-"));
  let tick = Date.parse("2024-01-01T00:00:00.000Z");
  const warnings: string[] = [];
  const stores: ConversationStore[] = [];
  const open = (o: ConversationStoreOptions = {}) => {
    const store = ConversationStore.open(dataDir, { now: () => new Date((tick += 1000)), onWarning: (w) => warnings.push(w), ...o });
    stores.push(store);
    return store;
  };
  try {
    await fn({ dataDir, open, warnings });
  } finally {
    for (const store of stores) store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function journalPath(dataDir: string, id: string): string {
  return join(dataDir, "conversations", `${id}.jsonl`);
}

function journalLines(dataDir: string, id: string): Record<string, unknown>[] {
  return readFileSync(journalPath(dataDir, id), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function throwsCode(fn: () => unknown, code: ErrorCode): void {
  assert.throws(fn, (err) => isEngineError(err, code));
}

/** One finished turn. */
function turn(store: ConversationStore, id: string, question: string, answer: string): { user: Message; assistant: Message } {
  const user = store.appendUserMessage(id, question);
  const a = store.startAssistant(id);
  store.appendDelta(id, a.id, "text", answer);
  const assistant = store.finishAssistant(id, a.id, { status: "complete", stopReason: "eos", stats: STATS });
  return { user, assistant };
}

test("create, get and reopen give the same conversation", () =>
  withStore(({ dataDir, open }) => {
    const store = open();
    const created = store.create({ systemPrompt: "Be brief.", sampling: { temperature: 0.2, seed: 7 } });
    Conversation.parse(created);
    assert.equal(created.title, DEFAULT_TITLE);
    assert.equal(created.messageCount, 0);
    assert.deepEqual(store.get(created.id), created);
    const header = journalLines(dataDir, created.id)[0];
    assert.deepEqual(header, { format: "enclave.conversation", version: 2, id: created.id, createdAt: created.createdAt });
    store.close();
    assert.deepEqual(open().get(created.id), created);
  }));

test("a full turn: user message, streamed answer with thinking, finish with stats", () =>
  withStore(({ open }) => {
    const store = open();
    const { id } = store.create({ title: "Math" });
    const user = store.appendUserMessage(id, "What is 2+2?");
    Message.parse(user);
    assert.equal(user.role, "user");
    const started = store.startAssistant(id);
    assert.equal(started.status, "streaming");
    store.appendDelta(id, started.id, "thinking", "Adding. ");
    store.appendDelta(id, started.id, "text", "It is ");
    store.appendDelta(id, started.id, "text", "");
    store.appendDelta(id, started.id, "text", "4.");
    assert.equal(store.get(id).messages[1]?.text, "It is 4.");
    const done = store.finishAssistant(id, started.id, { status: "complete", stopReason: "eos", stats: STATS });
    assert.deepEqual(done, { ...started, text: "It is 4.", thinking: "Adding. ", status: "complete", stopReason: "eos", stats: STATS });
    const live = store.get(id);
    Conversation.parse(live);
    assert.equal(live.title, "Math", "an explicit title is not replaced");
    assert.ok(live.updatedAt > done.createdAt, "finish moves updatedAt");
    store.close();
    assert.deepEqual(open().get(id), live);
  }));

test("an answer can end in error or be stopped, and cannot be written to afterwards", () =>
  withStore(({ open }) => {
    const store = open();
    const { id } = store.create();
    store.appendUserMessage(id, "hi");
    const a = store.startAssistant(id);
    store.appendDelta(id, a.id, "text", "par");
    const failed = store.finishAssistant(id, a.id, { status: "error", stopReason: "error", error: "GPU lost" });
    assert.equal(failed.error, "GPU lost");
    assert.equal(failed.text, "par");
    throwsCode(() => store.appendDelta(id, a.id, "text", "more"), "INVALID_INPUT");
    throwsCode(() => store.finishAssistant(id, a.id, { status: "complete", stopReason: "eos" }), "INVALID_INPUT");
    const b = store.startAssistant(id);
    const stopped = store.finishAssistant(id, b.id, { status: "interrupted", stopReason: "aborted" });
    assert.equal(stopped.stopReason, "aborted");
    store.close();
    assert.deepEqual(open().get(id).messages.map((m) => m.status), [undefined, "error", "interrupted"]);
  }));

test("errors: unknown conversation, unknown message, bad input, unsafe ids", () =>
  withStore(({ open }) => {
    const store = open();
    const { id } = store.create();
    const user = store.appendUserMessage(id, "hi");
    throwsCode(() => store.get("00000000-0000-0000-0000-000000000000"), "CONVERSATION_NOT_FOUND");
    throwsCode(() => store.get("../../etc/passwd"), "CONVERSATION_NOT_FOUND");
    throwsCode(() => store.appendUserMessage("nope", "x"), "CONVERSATION_NOT_FOUND");
    throwsCode(() => store.appendDelta(id, "nope", "text", "x"), "MESSAGE_NOT_FOUND");
    throwsCode(() => store.appendDelta(id, user.id, "text", "x"), "INVALID_INPUT");
    throwsCode(() => store.truncateFrom(id, "nope"), "MESSAGE_NOT_FOUND");
    throwsCode(() => store.appendUserMessage(id, ""), "INVALID_INPUT");
    throwsCode(() => store.create({ sampling: { temperature: 99 } }), "INVALID_INPUT");
    const a = store.startAssistant(id);
    throwsCode(() => store.appendDelta(id, a.id, "nonsense" as "text", "x"), "INVALID_INPUT");
    throwsCode(() => store.finishAssistant(id, a.id, { status: "streaming" as "complete", stopReason: "eos" }), "INVALID_INPUT");
    assert.equal(store.delete("../x"), false);
  }));

test("the first user message names a conversation still called New chat", () =>
  withStore(({ open }) => {
    const store = open();
    const { id } = store.create();
    const long = "Please explain   how the\nKV cache is reused between turns in a chat with a local model, in detail";
    store.appendUserMessage(id, long);
    const title = store.get(id).title;
    assert.equal(title, titleFromText(long));
    assert.ok(title.length <= 61 && title.endsWith("…") && title.startsWith("Please explain how the KV cache"), title);
    store.appendUserMessage(id, "second message");
    assert.equal(store.get(id).title, title);
    store.close();
    assert.equal(open().get(id).title, title, "the title is in the journal");
    assert.equal(titleFromText("short one"), "short one");
    assert.equal(titleFromText("   \n "), null);
  }));

test("update renames and changes settings; an empty patch writes nothing", () =>
  withStore(({ dataDir, open }) => {
    const store = open();
    const { id } = store.create();
    const updated = store.update(id, { title: "Plans", systemPrompt: "You plan.", sampling: { topK: 40 } });
    assert.equal(updated.title, "Plans");
    assert.equal(updated.systemPrompt, "You plan.");
    assert.deepEqual(updated.sampling, { topK: 40 });
    const lines = journalLines(dataDir, id).length;
    assert.deepEqual(store.update(id, {}), updated);
    assert.equal(journalLines(dataDir, id).length, lines);
    store.appendUserMessage(id, "hello");
    assert.equal(store.get(id).title, "Plans", "a renamed conversation keeps its name");
    throwsCode(() => store.update(id, { sampling: { topP: 3 } }), "INVALID_INPUT");
    store.close();
    assert.deepEqual(open().get(id).sampling, { topK: 40 });
  }));

test("truncateFrom removes the message and everything after (deleting a branch)", () =>
  withStore(({ open }) => {
    const store = open();
    const { id } = store.create();
    const first = turn(store, id, "one", "1");
    const second = turn(store, id, "two", "2");
    // Regenerate: drop the last answer only.
    let left = store.truncateFrom(id, second.assistant.id);
    assert.deepEqual(left.messages.map((m) => m.id), [first.user.id, first.assistant.id, second.user.id]);
    const again = store.startAssistant(id);
    store.finishAssistant(id, again.id, { status: "complete", stopReason: "eos" });
    // Edit: drop the second question and what follows, then ask again.
    left = store.truncateFrom(id, second.user.id);
    assert.equal(left.messageCount, 2);
    store.appendUserMessage(id, "two, edited");
    const live = store.get(id);
    assert.deepEqual(live.messages.map((m) => m.text), ["one", "1", "two, edited"]);
    throwsCode(() => store.truncateFrom(id, second.user.id), "MESSAGE_NOT_FOUND");
    store.close();
    assert.deepEqual(open().get(id), live);
  }));

test("a streaming answer found on reopen is interrupted, and written down as such on the next change", () =>
  withStore(({ dataDir, open }) => {
    const store = open();
    const { id } = store.create();
    store.appendUserMessage(id, "tell me");
    const a = store.startAssistant(id);
    store.appendDelta(id, a.id, "text", "Once upon");
    const before = store.get(id);
    store.close(); // as good as a crash: nothing was finished

    const reader = open();
    const read = reader.get(id);
    assert.equal(read.messages[1]?.status, "interrupted");
    assert.equal(read.messages[1]?.stopReason, "interrupted");
    assert.equal(read.messages[1]?.text, "Once upon");
    assert.equal(read.updatedAt, before.updatedAt);
    const linesBefore = journalLines(dataDir, id);
    assert.ok(!linesBefore.some((r) => r.t === "finish"), "reading changes nothing");
    throwsCode(() => reader.appendDelta(id, a.id, "text", " a time"), "INVALID_INPUT");
    const finish = journalLines(dataDir, id).filter((r) => r.t === "finish");
    assert.deepEqual(finish, [{ t: "finish", at: before.updatedAt, id: a.id, status: "interrupted", stopReason: "interrupted" }]);
    reader.appendUserMessage(id, "go on");
    reader.close();
    const after = open().get(id);
    Conversation.parse(after);
    assert.deepEqual(after.messages.map((m) => m.status), [undefined, "interrupted", undefined]);
  }));

test("a torn last line is ignored on read and cut off before the next write", () =>
  withStore(({ dataDir, open }) => {
    const store = open();
    const { id } = store.create();
    store.appendUserMessage(id, "hello");
    const a = store.startAssistant(id);
    store.appendDelta(id, a.id, "text", "kept");
    store.close();
    const path = journalPath(dataDir, id);
    const whole = readFileSync(path);
    const torn = `{"t":"delta","id":"${a.id}","kind":"text","text":"lo`;
    appendFileSync(path, torn);

    const reopened = open();
    assert.equal(reopened.get(id).messages[1]?.text, "kept");
    assert.equal(readFileSync(path).length, whole.length + Buffer.byteLength(torn), "a read leaves the file alone");
    reopened.appendUserMessage(id, "again");
    const repaired = readFileSync(path, "utf8");
    assert.ok(repaired.startsWith(whole.toString("utf8")));
    assert.ok(!repaired.includes('"text":"lo'), "the torn line is gone");
    for (const line of repaired.trimEnd().split("\n")) JSON.parse(line);
    reopened.close();
    assert.deepEqual(open().get(id).messages.map((m) => m.text), ["hello", "kept", "again"]);
  }));

test("a journal of a newer version is refused and left untouched", () =>
  withStore(({ dataDir, open, warnings }) => {
    const store = open();
    const { id } = store.create();
    store.appendUserMessage(id, "hello");
    const ok = store.create();
    store.close();
    const path = journalPath(dataDir, id);
    const future = readFileSync(path, "utf8").replace('"version":2', '"version":3') + '{"t":"reaction","emoji":"+1"}\n';
    writeFileSync(path, future);

    const reopened = open();
    for (const fn of [() => reopened.get(id), () => reopened.appendUserMessage(id, "x"), () => reopened.update(id, { title: "t" })]) {
      assert.throws(fn, (err) => isEngineError(err, "UNSUPPORTED_FORMAT") && err.details?.reason === "unsupported-journal-version" && /newer Enclave/.test(err.message));
    }
    assert.deepEqual(reopened.list().map((c) => c.id), [ok.id], "listing skips it");
    assert.ok(warnings.some((w) => w.includes(id)));
    assert.equal(readFileSync(path, "utf8"), future);
    assert.equal(reopened.delete(id), true, "it can still be deleted");
  }));

test("compaction rewrites a long journal as a snapshot and keeps everything", () =>
  withStore(({ dataDir, open }) => {
    const store = open({ compactAfter: 50 });
    const { id } = store.create({ title: "Long" });
    turn(store, id, "first", "answer");
    store.appendUserMessage(id, "second");
    const a = store.startAssistant(id);
    let expected = "";
    for (let i = 0; i < 120; i++) {
      store.appendDelta(id, a.id, i % 10 === 0 ? "thinking" : "text", `t${i} `);
      if (i % 10 !== 0) expected += `t${i} `;
      assert.ok(journalLines(dataDir, id).length <= 5 + 2 + 50 + 1, "the journal never grows far past the threshold");
    }
    const lines = journalLines(dataDir, id);
    assert.ok(lines.some((r) => r.t === "message"), "a snapshot was written");
    assert.equal(lines.filter((r) => r.format === "enclave.conversation").length, 1);
    assert.equal(store.get(id).messages[3]?.text, expected);
    store.finishAssistant(id, a.id, { status: "complete", stopReason: "max-tokens" });
    const live = store.get(id);
    assert.equal(live.title, "Long");
    assert.equal(live.messageCount, 4);
    store.close();
    assert.deepEqual(open().get(id), live);
    assert.deepEqual(readdirSync(join(dataDir, "conversations")), [`${id}.jsonl`], "no temporary files left");
  }));

test("a crash mid-stream after a compaction still keeps the partial answer", () =>
  withStore(({ open }) => {
    const store = open({ compactAfter: 10 });
    const { id } = store.create();
    store.appendUserMessage(id, "q");
    const a = store.startAssistant(id);
    for (let i = 0; i < 35; i++) store.appendDelta(id, a.id, "text", `${i},`);
    store.close();
    const m = open().get(id).messages[1];
    assert.equal(m?.status, "interrupted");
    assert.equal(m?.text, Array.from({ length: 35 }, (_, i) => `${i},`).join(""));
  }));

test("stale temporary files from an interrupted compaction are removed on open", () =>
  withStore(({ dataDir, open }) => {
    const store = open();
    const { id } = store.create();
    store.close();
    writeFileSync(join(dataDir, "conversations", `${id}.jsonl.123.abcd.tmp`), "half");
    open();
    assert.deepEqual(readdirSync(join(dataDir, "conversations")), [`${id}.jsonl`]);
  }));

test("delete removes the journal", () =>
  withStore(({ dataDir, open }) => {
    const store = open();
    const { id } = store.create();
    assert.equal(store.list().length, 1);
    assert.equal(store.delete(id), true);
    assert.equal(existsSync(journalPath(dataDir, id)), false);
    assert.equal(store.delete(id), false);
    assert.deepEqual(store.list(), []);
    throwsCode(() => store.get(id), "CONVERSATION_NOT_FOUND");
  }));

test("list: newest first, filtered by title and message text, kept in step with changes", () =>
  withStore(({ open }) => {
    const store = open();
    const a = store.create({ title: "Travel plans" });
    const b = store.create();
    turn(store, b.id, "How do I bake sourdough?", "Use a STARTER and patience.");
    const c = store.create({ title: "Empty" });
    const list = store.list();
    for (const s of list) ConversationSummary.parse(s);
    assert.deepEqual(list.map((s) => s.id), [c.id, b.id, a.id]);
    assert.deepEqual(list[1], { id: b.id, title: "How do I bake sourdough?", createdAt: b.createdAt, updatedAt: store.get(b.id).updatedAt, messageCount: 2 });

    assert.deepEqual(store.list("TRAVEL").map((s) => s.id), [a.id], "title, any case");
    assert.deepEqual(store.list("starter").map((s) => s.id), [b.id], "answer text");
    assert.deepEqual(store.list("  ").length, 3, "a blank query lists all");
    assert.deepEqual(store.list("nothing like this"), []);

    // Changes after the first list show up without rereading.
    store.appendUserMessage(a.id, "Pack a raincoat");
    assert.deepEqual(store.list().map((s) => s.id), [a.id, c.id, b.id]);
    assert.deepEqual(store.list("raincoat").map((s) => s.id), [a.id]);
    const d = store.create();
    assert.equal(store.list()[0]?.id, d.id);
    store.update(c.id, { title: "Renamed" });
    assert.deepEqual(store.list("renamed").map((s) => s.id), [c.id]);
    store.truncateFrom(b.id, store.get(b.id).messages[0]!.id);
    assert.deepEqual(store.list("starter"), []);
    assert.equal(store.list().find((s) => s.id === b.id)?.messageCount, 0);
    store.delete(d.id);
    assert.equal(store.list().length, 3);

    // A fresh store builds the same listing from the journals.
    const fresh = open();
    assert.deepEqual(fresh.list(), store.list());
    assert.deepEqual(fresh.list("raincoat").map((s) => s.id), [a.id]);
  }));

test("only a bounded number of journals stay open, and close() closes them all", () =>
  withStore(({ open }) => {
    const store = open({ maxLoaded: 3 });
    const ids = Array.from({ length: 8 }, () => store.create().id);
    for (const id of ids) store.appendUserMessage(id, `hello ${id}`);
    assert.equal(store.openJournals, 3);
    // An answer being written keeps its journal open even when it is the oldest.
    const streaming = store.startAssistant(ids[0]!);
    for (const id of ids.slice(1)) store.get(id);
    store.appendDelta(ids[0]!, streaming.id, "text", "still here");
    const m = store.finishAssistant(ids[0]!, streaming.id, { status: "complete", stopReason: "eos" });
    assert.equal(m.text, "still here");
    assert.ok(store.openJournals <= 3);
    for (const id of ids) assert.equal(store.get(id).messages[0]?.text, `hello ${id}`);
    store.close();
    assert.equal(store.openJournals, 0);
    throwsCode(() => store.get(ids[0]!), "INTERNAL");
  }));

test("returned objects are copies", () =>
  withStore(({ open }) => {
    const store = open();
    const { id } = store.create();
    const got = store.get(id);
    got.messages.push({ id: "x", role: "user", text: "injected", createdAt: "now" });
    got.sampling.temperature = 3;
    assert.equal(store.get(id).messageCount, 0);
    assert.deepEqual(store.get(id).sampling, {});
  }));
