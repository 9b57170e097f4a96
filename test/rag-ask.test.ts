// rag.ask against the real engine: passages alone with no model; with a model, a grounded answer
// streamed into a conversation whose prompt carried the numbered sources, citations kept on the
// stored message, and a follow-up in the same conversation. (The random-weight test model writes
// noise, so whether a citation is right is covered by the unit tests of citations.ts.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { ChatDeltaEvent } from "../native/contract/events.ts";
import { fixtureDir, threePagePdf } from "./fixtures/documents/documents.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let engine: TestEngine;
let models: TestModels;

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
  const { dir, write } = fixtureDir("enclave-ask-");
  write("report.pdf", threePagePdf());
  write("notes.md", "# Notes\n\nThe lease of unit ZX-4471 ends on 31 March 2027.\n");
  const run = await engine.client.call("rag.ingest", { paths: [dir], collection: "ask" });
  assert.ok(run.files.every((f) => f.outcome === "added"));
});
after(async () => engine?.close());

test("with no model loaded, ask returns the passages that answer it, page-exact", async () => {
  const r = await engine.client.call("rag.ask", { question: "What does the charlie budget say?", collection: "ask" });
  assert.equal(r.answer, null);
  assert.equal(r.conversationId, null);
  assert.ok(r.hits.length > 0);
  assert.ok(r.hits[0]!.file.endsWith("report.pdf"));
  assert.equal(r.hits[0]!.pageStart, 3);
  // The passages come numbered, as sources a reader can open at their page.
  assert.deepEqual(r.sources.map((s) => [s.n, s.documentId, s.page]), r.hits.map((h, i) => [i + 1, h.documentId, h.pageStart]));
});

test("with a model, the answer streams into a conversation built on numbered sources", async () => {
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 1024 });
  const deltas: string[] = [];
  const r = await engine.client.call(
    "rag.ask",
    { question: "When does the lease of ZX-4471 end?", collection: "ask", sampling: { temperature: 0, maxTokens: 16 } },
    { onEvent: (name, p) => name === "chat.delta" && deltas.push((p as ChatDeltaEvent).text) },
  );
  assert.equal(r.answer, deltas.join(""));
  assert.ok(r.hits.some((h) => h.file.endsWith("notes.md")));
  const stats = r.message!.stats!;
  // The model saw the sources: its prompt is far longer than the question alone.
  assert.ok(stats.promptTokens > 60, `prompt of ${stats.promptTokens} tokens carries the sources`);
  assert.ok(Array.isArray(r.message!.citations));

  const stored = await engine.client.call("conversations.get", { id: r.conversationId! });
  assert.equal(stored.messages[0]!.text, "When does the lease of ZX-4471 end?", "the stored question is the user's own words");
  assert.deepEqual(stored.messages[1]!.citations, r.citations);
  // Every source the model was given is kept with the answer, cited or not, numbered as in the prompt.
  assert.ok(r.sources.length > 0 && r.sources.every((s, i) => s.n === i + 1));
  assert.ok(r.sources.some((s) => s.file.endsWith("notes.md")));
  assert.deepEqual(stored.messages[1]!.sources, r.sources);

  const follow = await engine.client.call("chat.send", { conversationId: r.conversationId!, text: "And unit ZX-4472?", sampling: { temperature: 0, maxTokens: 8 } });
  assert.equal(follow.assistantMessage.status, "complete");
  assert.ok(follow.assistantMessage.stats!.evaluatedPromptTokens < follow.assistantMessage.stats!.promptTokens, "the grounded turn's cache is reused");
});

test("regenerate answers the last grounded question again as a new version of its answer", async () => {
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 1024 });
  const question = "What does the charlie budget say?";
  const first = await engine.client.call("rag.ask", { question, collection: "ask", sampling: { maxTokens: 8 } });
  const id = first.conversationId!;
  const before = await engine.client.call("conversations.get", { id });
  const again = await engine.client.call("rag.ask", { question, collection: "ask", conversationId: id, regenerate: true, sampling: { maxTokens: 8 } });
  const stored = await engine.client.call("conversations.get", { id });
  assert.deepEqual(stored.messages.map((m) => m.role), ["user", "assistant"], "the question once, one answer");
  assert.equal(stored.messages[0]!.id, before.messages[0]!.id, "the same stored question");
  assert.equal(stored.messages[1]!.id, again.message!.id);
  assert.notEqual(again.message!.id, first.message!.id);
  assert.ok(again.sources.length > 0 && stored.messages[1]!.sources!.length === again.sources.length, "the new answer is grounded too");
  assert.deepEqual(stored.messages[1]!.versions?.ids, [first.message!.id, again.message!.id], "the first answer is kept");
  assert.equal(stored.collection, "ask", "the engine records the conversation's collection");

  // chat.regenerate decides the same way, in the engine: a grounded conversation is re-asked grounded.
  const plain = await engine.client.call("chat.regenerate", { conversationId: id, sampling: { maxTokens: 8 } });
  assert.ok((plain.assistantMessage.sources ?? []).length > 0, "chat.regenerate of a grounded conversation is grounded");
  assert.equal((await engine.client.call("conversations.get", { id })).messages[1]!.versions?.ids.length, 3);

  // Only the last question can be answered again, and only in a conversation.
  await assert.rejects(engine.client.call("rag.ask", { question: "Something else?", collection: "ask", conversationId: id, regenerate: true }), { code: "INVALID_INPUT" });
  await assert.rejects(engine.client.call("rag.ask", { question, collection: "ask", regenerate: true }), { code: "INVALID_INPUT" });
});
