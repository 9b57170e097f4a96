// Versions and branches in the journal: regenerate and edit keep what was there, the version shown
// is remembered, compaction keeps the whole tree, and a journal written in format version 1 (as
// every Enclave before this one wrote it) opens as it was and is upgraded on its first change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Conversation } from "../contract/conversations.ts";
import { ConversationStore, type ConversationStoreOptions } from "./conversation-store.ts";

async function withDir(fn: (dataDir: string, open: (o?: ConversationStoreOptions) => ConversationStore) => void): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "enclave-versions-"));
  const stores: ConversationStore[] = [];
  try {
    fn(dataDir, (o = {}) => {
      const store = ConversationStore.open(dataDir, o);
      stores.push(store);
      return store;
    });
  } finally {
    for (const s of stores) s.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function answerOf(store: ConversationStore, id: string, parent: string, text: string): string {
  const a = store.startAssistant(id, { parent });
  store.appendDelta(id, a.id, "text", text);
  store.finishAssistant(id, a.id, { status: "complete", stopReason: "eos" });
  return a.id;
}

const texts = (c: Conversation) => c.messages.map((m) => m.text);

test("regenerate keeps earlier answers as versions; edit forks a branch and keeps the old one", () =>
  withDir((dataDir, open) => {
    const store = open();
    const { id } = store.create();
    const q1 = store.appendUserMessage(id, "Question one");
    answerOf(store, id, q1.id, "Answer one");
    const q2 = store.appendUserMessage(id, "Question two");
    const a2 = answerOf(store, id, q2.id, "Answer two");
    const a2b = answerOf(store, id, q2.id, "Answer two, again"); // regenerate
    let c = store.get(id);
    assert.deepEqual(texts(c), ["Question one", "Answer one", "Question two", "Answer two, again"]);
    assert.deepEqual(c.messages[3]!.versions, { index: 2, ids: [a2, a2b] });
    assert.equal(c.messages[0]!.versions, undefined, "a message with one version has no versions field");

    const q1b = store.appendUserMessage(id, "Question one, edited", { parent: store.parentOf(id, q1.id) }); // edit
    answerOf(store, id, q1b.id, "Answer to the edit");
    c = store.get(id);
    assert.deepEqual(texts(c), ["Question one, edited", "Answer to the edit"]);
    assert.deepEqual(c.messages[0]!.versions, { index: 2, ids: [q1.id, q1b.id] });

    c = store.selectVersion(id, q1.id);
    assert.deepEqual(texts(c), ["Question one", "Answer one", "Question two", "Answer two, again"]);
    c = store.selectVersion(id, a2);
    assert.equal(c.messages[3]!.text, "Answer two");
    store.close();

    // All of it, and the version shown, survive a reopen.
    const again = open().get(id);
    assert.deepEqual(texts(again), ["Question one", "Answer one", "Question two", "Answer two"]);
    assert.equal(Conversation.safeParse(again).success, true);
  }));

test("compaction keeps every version and the versions shown", () =>
  withDir((dataDir, open) => {
    const store = open({ compactAfter: 5 });
    const { id } = store.create();
    const q = store.appendUserMessage(id, "Q");
    const first = answerOf(store, id, q.id, "A1");
    for (let i = 2; i <= 6; i++) answerOf(store, id, q.id, `A${i}`);
    store.selectVersion(id, first);
    const next = store.appendUserMessage(id, "Follow-up on A1");
    answerOf(store, id, next.id, "B");
    const lines = readFileSync(join(dataDir, "conversations", `${id}.jsonl`), "utf8").trim().split("\n");
    assert.ok(lines.some((l) => l.includes('"t":"message"')), "the journal was compacted");
    store.close();
    const c = open().get(id);
    assert.deepEqual(texts(c), ["Q", "A1", "Follow-up on A1", "B"]);
    assert.equal(c.messages[1]!.versions?.ids.length, 6);
    assert.equal(c.messages[1]!.versions?.index, 1);
  }));

test("a version 1 journal (today's format before this change) opens as it was, then is upgraded on its first change", () =>
  withDir((dataDir, open) => {
    const id = "old-journal";
    const t = (s: number) => `2024-05-01T00:00:0${s}.000Z`;
    // Written exactly as format version 1 did: no parents; regenerate truncated, then re-answered.
    const v1 = [
      { format: "enclave.conversation", version: 1, id, createdAt: t(0) },
      { t: "conversation", at: t(0), title: "Old chat", systemPrompt: "Be brief.", sampling: { temperature: 0.2 } },
      { t: "user", at: t(1), id: "u1", text: "Hello" },
      { t: "assistant", at: t(2), id: "a1" },
      { t: "delta", id: "a1", kind: "text", text: "Hi" },
      { t: "finish", at: t(3), id: "a1", status: "complete", stopReason: "eos" },
      { t: "truncate", at: t(4), id: "a1" },
      { t: "assistant", at: t(5), id: "a2" },
      { t: "delta", id: "a2", kind: "text", text: "Hello there" },
      { t: "finish", at: t(6), id: "a2", status: "complete", stopReason: "eos" },
      { t: "user", at: t(7), id: "u2", text: "Bye" },
      { t: "assistant", at: t(8), id: "a3" },
      { t: "delta", id: "a3", kind: "text", text: "Goodb" }, // the engine died here
    ];
    const path = join(dataDir, "conversations", `${id}.jsonl`);
    mkdirSync(join(dataDir, "conversations"), { recursive: true });
    const bytes = v1.map((r) => JSON.stringify(r)).join("\n") + "\n";
    writeFileSync(path, bytes);

    const store = open();
    const read = store.get(id);
    assert.deepEqual(texts(read), ["Hello", "Hello there", "Bye", "Goodb"]);
    assert.equal(read.messages[3]!.status, "interrupted");
    assert.equal(read.systemPrompt, "Be brief.");
    assert.equal(readFileSync(path, "utf8"), bytes, "reading changes nothing");

    // The first change: the file becomes a version 2 snapshot, then the change is appended.
    answerOf(store, id, "u2", "Goodbye");
    const lines = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines[0]!.version, 2);
    store.close();
    const after = open().get(id);
    assert.deepEqual(texts(after), ["Hello", "Hello there", "Bye", "Goodbye"]);
    assert.deepEqual(after.messages[3]!.versions?.ids, ["a3", after.messages[3]!.id], "the interrupted answer is kept as version 1");
  }));

test("selectVersion and placements refuse messages that are not there", () =>
  withDir((_dataDir, open) => {
    const store = open();
    const { id } = store.create();
    assert.throws(() => store.selectVersion(id, "nope"), (e: Error & { code?: string }) => e.code === "MESSAGE_NOT_FOUND");
    assert.throws(() => store.appendUserMessage(id, "x", { parent: "nope" }), (e: Error & { code?: string }) => e.code === "MESSAGE_NOT_FOUND");
    assert.equal(store.get(id).messages.length, 0);
  }));
