import { test } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../contract/errors.ts";
import { Message } from "../contract/conversations.ts";
import { encodeLines, headerFor, JournalRecord, snapshotLines } from "./journal-format.ts";
import { replayJournal } from "./journal-replay.ts";

const ID = "c1";
const PATH = "/x/c1.jsonl";
const T0 = "2024-01-01T00:00:00.000Z";
const T1 = "2024-01-01T00:00:01.000Z";
const T2 = "2024-01-01T00:00:02.000Z";
const T3 = "2024-01-01T00:00:03.000Z";

const STATS = {
  promptTokens: 10,
  evaluatedPromptTokens: 4,
  outputTokens: 3,
  ttftMs: 12.5,
  totalMs: 40,
  tokensPerSecond: 75,
  threads: 4,
  modelId: "m",
  modelName: "Model",
  quant: "Q4_K_M",
};

function journal(records: unknown[]): Buffer {
  return Buffer.from(encodeLines([headerFor(ID, T0), { t: "conversation", at: T0, title: "New chat", systemPrompt: "", sampling: {} }, ...records]));
}

function replay(data: Buffer) {
  return replayJournal(data, { path: PATH, id: ID });
}

test("every record type replays into the conversation", () => {
  const r = replay(
    journal([
      { t: "updated", at: T1, title: "Renamed", systemPrompt: "Be brief.", sampling: { temperature: 0.5 } },
      { t: "user", at: T1, id: "u1", text: "hello" },
      { t: "assistant", at: T2, id: "a1" },
      { t: "delta", id: "a1", kind: "thinking", text: "hmm " },
      { t: "delta", id: "a1", kind: "text", text: "Hi" },
      { t: "delta", id: "a1", kind: "thinking", text: "ok" },
      { t: "delta", id: "a1", kind: "text", text: " there" },
      { t: "finish", at: T3, id: "a1", status: "complete", stopReason: "eos", stats: STATS },
    ]),
  );
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(r.interrupted, []);
  assert.equal(r.tornBytes, 0);
  assert.equal(r.missingNewline, false);
  assert.equal(r.lines, 10);
  const s = r.state;
  assert.equal(s.title, "Renamed");
  assert.equal(s.systemPrompt, "Be brief.");
  assert.deepEqual(s.sampling, { temperature: 0.5 });
  assert.equal(s.createdAt, T0);
  assert.equal(s.updatedAt, T3);
  assert.deepEqual(s.messages, [
    { id: "u1", role: "user", text: "hello", createdAt: T1 },
    { id: "a1", role: "assistant", text: "Hi there", thinking: "hmm ok", createdAt: T2, status: "complete", stopReason: "eos", stats: STATS },
  ]);
  for (const m of s.messages) Message.parse(m);
});

test("a finish with an error keeps the message and the error", () => {
  const r = replay(
    journal([
      { t: "assistant", at: T1, id: "a1" },
      { t: "delta", id: "a1", kind: "text", text: "part" },
      { t: "finish", at: T2, id: "a1", status: "error", stopReason: "error", error: "boom" },
    ]),
  );
  assert.deepEqual(r.state.messages[0], { id: "a1", role: "assistant", text: "part", createdAt: T1, status: "error", stopReason: "error", error: "boom" });
});

test("truncate removes the message and everything after it", () => {
  const r = replay(
    journal([
      { t: "user", at: T1, id: "u1", text: "one" },
      { t: "assistant", at: T1, id: "a1" },
      { t: "finish", at: T1, id: "a1", status: "complete", stopReason: "eos" },
      { t: "user", at: T1, id: "u2", text: "two" },
      { t: "assistant", at: T1, id: "a2" },
      { t: "finish", at: T1, id: "a2", status: "complete", stopReason: "eos" },
      { t: "truncate", at: T2, id: "u2" },
    ]),
  );
  assert.deepEqual(r.state.messages.map((m) => m.id), ["u1", "a1"]);
  assert.equal(r.state.updatedAt, T2);
});

test("an answer left streaming is reported as interrupted", () => {
  const r = replay(journal([{ t: "user", at: T1, id: "u1", text: "q" }, { t: "assistant", at: T2, id: "a1" }, { t: "delta", id: "a1", kind: "text", text: "partial" }]));
  assert.deepEqual(r.interrupted, ["a1"]);
  assert.equal(r.state.messages[1]?.status, "interrupted");
  assert.equal(r.state.messages[1]?.stopReason, "interrupted");
  assert.equal(r.state.messages[1]?.text, "partial");
  assert.equal(r.state.updatedAt, T2, "deltas carry no time");
});

test("a torn last line is ignored and reported", () => {
  const whole = journal([{ t: "assistant", at: T1, id: "a1" }, { t: "delta", id: "a1", kind: "text", text: "kept" }]);
  const data = Buffer.concat([whole, Buffer.from('{"t":"delta","id":"a1","kind":"text","te')]);
  const r = replay(data);
  assert.equal(r.validBytes, whole.length);
  assert.equal(r.tornBytes, data.length - whole.length);
  assert.equal(r.missingNewline, false);
  assert.equal(r.state.messages[0]?.text, "kept");
});

test("garbage lines at the end (lost blocks) are a torn tail too", () => {
  const whole = journal([{ t: "user", at: T1, id: "u1", text: "q" }]);
  const data = Buffer.concat([whole, Buffer.from("\0\0\0\n\0\0{\n\0")]);
  const r = replay(data);
  assert.equal(r.validBytes, whole.length);
  assert.equal(r.state.messages.length, 1);
});

test("a whole last record without its newline is kept", () => {
  const whole = journal([{ t: "user", at: T1, id: "u1", text: "q" }]);
  const data = whole.subarray(0, whole.length - 1);
  const r = replay(data);
  assert.equal(r.missingNewline, true);
  assert.equal(r.validBytes, data.length);
  assert.equal(r.state.messages.length, 1);
});

test("a bad line followed by good ones is damage, not a torn tail", () => {
  const a = journal([{ t: "user", at: T1, id: "u1", text: "q" }]);
  const data = Buffer.concat([a, Buffer.from("{not json\n"), Buffer.from(JSON.stringify({ t: "user", at: T1, id: "u2", text: "r" }) + "\n")]);
  assert.throws(() => replay(data), (err) => isEngineError(err, "INTERNAL") && /damaged at line 4/.test(err.message));
});

test("a newer format version is refused with a clear error", () => {
  const data = Buffer.from(JSON.stringify({ format: "enclave.conversation", version: 3, id: ID, createdAt: T0 }) + "\n");
  assert.throws(
    () => replay(data),
    (err) => isEngineError(err, "UNSUPPORTED_FORMAT") && err.details?.reason === "unsupported-journal-version" && /format version 2/.test(err.message),
  );
});

test("a foreign or empty file is refused", () => {
  assert.throws(() => replay(Buffer.from('{"format":"other","version":1}\n')), /not an enclave.conversation journal/);
  assert.throws(() => replay(Buffer.alloc(0)), /empty/);
  const other = Buffer.from(encodeLines([headerFor("someone-else", T0), { t: "conversation", at: T0, title: "x", systemPrompt: "", sampling: {} }]));
  assert.throws(() => replay(other), /names conversation someone-else/);
});

test("records about missing messages are skipped with a warning", () => {
  const r = replay(journal([{ t: "delta", id: "nope", kind: "text", text: "x" }, { t: "truncate", at: T1, id: "nope" }]));
  assert.equal(r.warnings.length, 2);
  assert.equal(r.state.updatedAt, T0);
});

test("a snapshot replays to the same state, streaming answers included", () => {
  const source = replay(
    journal([
      { t: "user", at: T1, id: "u1", text: "q" },
      { t: "assistant", at: T2, id: "a1" },
      { t: "delta", id: "a1", kind: "text", text: "done" },
      { t: "finish", at: T3, id: "a1", status: "complete", stopReason: "eos" },
      { t: "assistant", at: T3, id: "a2" },
      { t: "delta", id: "a2", kind: "text", text: "so far" },
    ]),
  );
  const live = structuredClone(source.state);
  live.messages[2]!.status = "streaming"; // as the store holds it while the answer is written
  delete live.messages[2]!.stopReason;
  const lines = snapshotLines(live);
  for (const line of lines.slice(1)) JournalRecord.parse(line);
  const data = Buffer.concat([Buffer.from(encodeLines(lines)), Buffer.from(encodeLines([{ t: "delta", id: "a2", kind: "text", text: " more" }]))]);
  const again = replay(data);
  assert.equal(again.lines, 6);
  assert.equal(again.state.updatedAt, T3);
  assert.deepEqual(again.interrupted, ["a2"]);
  assert.equal(again.state.messages[2]?.text, "so far more");
  assert.deepEqual(again.state.messages.slice(0, 2), source.state.messages.slice(0, 2));
});
