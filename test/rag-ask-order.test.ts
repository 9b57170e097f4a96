// The order of a grounded turn against the real engine: retrieval (and fitting the sources) happen
// before the model lock is taken, so a search never waits on a generation and a grounded question
// searches while another answer still holds the model. Each answer here runs until the test cancels
// it (maxTokens 100,000), and is cancelled only once the other call has settled: were that call
// queued behind the model lock, the two would wait on each other and the test would time out
// (its timeout is the failure, never a measured duration).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { EngineError } from "../native/contract/errors.ts";
import { fixtureDir } from "./fixtures/documents/documents.ts";
import { getTestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

const COLLECTION = "order";
const LONG = { temperature: 0, maxTokens: 100_000 };
let engine: TestEngine;

before(async () => {
  const models = await getTestModels();
  engine = await startTestEngine();
  const { dir, write } = fixtureDir("enclave-ask-order-");
  write("notes.md", "# Notes\n\nThe lease of unit ZX-4471 ends on 31 March 2027.\n");
  const run = await engine.client.call("rag.ingest", { paths: [dir], collection: COLLECTION });
  assert.ok(run.files.every((f) => f.outcome === "added"));
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 1024 });
});
after(async () => engine?.close());

test("a search issued while a grounded answer streams completes before the answer ends", { timeout: 120_000 }, async () => {
  const events: string[] = [];
  const stop = new AbortController();
  let search: Promise<void> | undefined;
  const asked = engine.client.call(
    "rag.ask",
    { question: "When does the lease of ZX-4471 end?", collection: COLLECTION, sampling: LONG },
    {
      signal: stop.signal,
      onEvent: (name) => {
        if (name !== "chat.delta" || search) return;
        events.push("answer streaming");
        search = engine.client.call("rag.search", { query: "lease ZX-4471", collection: COLLECTION }).then((r) => {
          events.push(`search done (${r.hits.length} hits)`);
          stop.abort(); // only now: the answer ends because the search came back
        });
      },
    },
  );
  const answer = await asked;
  events.push("answer done");
  await search;
  assert.deepEqual(events, ["answer streaming", "search done (1 hits)", "answer done"]);
  assert.equal(answer.message!.stopReason, "aborted");
  assert.ok(answer.sources.length > 0, "the cancelled answer was grounded");
});

test("a grounded question searches while another answer holds the model", { timeout: 120_000 }, async () => {
  const plain = await engine.client.call("conversations.create", {});
  const grounded = await engine.client.call("conversations.create", { collection: COLLECTION });
  // Retrieval that fails at once (an embedding model that is not installed) makes the moment the
  // grounded turn searches visible: it fails while the plain answer still streams.
  await engine.client.call("settings.update", { embeddingModel: "no-such-embedding-model.gguf" });
  try {
    const events: string[] = [];
    const stop = new AbortController();
    let second: Promise<void> | undefined;
    const first = engine.client.call(
      "chat.send",
      { conversationId: plain.id, text: "Write at length.", sampling: LONG },
      {
        signal: stop.signal,
        onEvent: (name) => {
          if (name !== "chat.delta" || second) return;
          events.push("first answer streaming");
          second = engine.client.call("chat.send", { conversationId: grounded.id, text: "When does the lease end?", sampling: LONG }).then(
            () => void events.push("grounded turn answered"),
            (err: unknown) => {
              events.push(`grounded turn failed: ${err instanceof EngineError ? err.code : String(err)}`);
              stop.abort();
            },
          );
        },
      },
    );
    const result = await first;
    events.push("first answer done");
    await second;
    assert.deepEqual(events, ["first answer streaming", "grounded turn failed: MODEL_NOT_FOUND", "first answer done"]);
    assert.equal(result.assistantMessage.stopReason, "aborted");
    // The failed grounded turn wrote nothing: its question is not kept without an answer.
    assert.deepEqual((await engine.client.call("conversations.get", { id: grounded.id })).messages, []);
  } finally {
    await engine.client.call("settings.update", { embeddingModel: null });
  }
});
