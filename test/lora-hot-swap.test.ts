// inference.setLora against the real engine process and the generated models: adapters are added,
// rescaled and removed on the loaded model without loading it again (no "Loading" progress; the
// context alone is made again), greedy answers follow the adapters, conversations carry on, and an
// adapter that does not fit leaves the model as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../native/contract/errors.ts";
import type { ProgressEvent } from "../native/contract/events.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let models: TestModels;
let engine: TestEngine;
const greedy = { temperature: 0, maxTokens: 12, seed: 1 };
const QUESTION = "Tell me about the sea.";

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
});
after(async () => engine?.close());

/** A greedy answer to QUESTION in a fresh conversation: what the model does with nothing before. */
async function freshAnswer(): Promise<string> {
  const conversation = await engine.client.call("conversations.create", { systemPrompt: "You are terse." });
  return (await engine.client.call("chat.send", { conversationId: conversation.id, text: QUESTION, sampling: greedy })).assistantMessage.text;
}

test("setLora before any model is loaded fails clearly", async () => {
  await assert.rejects(engine.client.call("inference.setLora", { lora: [] }), (err) => isEngineError(err, "NO_MODEL_LOADED"));
});

test("adapters are swapped on the loaded model: answers follow them, the conversation carries on", { timeout: 180_000 }, async () => {
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  const plain = await freshAnswer();
  const conversation = await engine.client.call("conversations.create", { systemPrompt: "You are terse." });
  await engine.client.call("chat.send", { conversationId: conversation.id, text: QUESTION, sampling: greedy });

  const progress: ProgressEvent[] = [];
  const swapped = await engine.client.call("inference.setLora", { lora: [{ path: models.lora, scale: 2 }] }, { onEvent: (name, p) => name === "progress" && progress.push(p as ProgressEvent) });
  assert.deepEqual(swapped.lora, [{ path: models.lora, scale: 2 }]);
  assert.equal(swapped.model.quant, "Q8_0");
  assert.ok(progress.length > 0 && progress.every((p) => !/^Loading/.test(p.message ?? "")), `the model itself is not loaded again: ${progress.map((p) => p.message).join(" | ")}`);
  assert.deepEqual((await engine.client.call("inference.status", {})).loaded?.lora, [{ path: models.lora, scale: 2 }]);
  const adapted = await freshAnswer();
  assert.notEqual(adapted, plain, "the adapter changed the greedy answer");

  // The conversation started before the swap goes on, its history re-read into the new context.
  const next = await engine.client.call("chat.send", { conversationId: conversation.id, text: "And the shore?", sampling: greedy });
  assert.equal(next.assistantMessage.status, "complete");
  assert.equal((await engine.client.call("conversations.get", { id: conversation.id })).messages.length, 4);

  const rescaled = await engine.client.call("inference.setLora", { lora: [{ path: models.lora, scale: 0.5 }] });
  assert.equal(rescaled.lora[0]?.scale, 0.5);
  assert.notEqual(await freshAnswer(), adapted, "a different scale, a different answer");

  const removed = await engine.client.call("inference.setLora", { lora: [] });
  assert.deepEqual(removed.lora, []);
  assert.equal(await freshAnswer(), plain, "without adapters the model answers exactly as before");
});

test("an adapter that does not fit is refused and the model keeps the adapters it had", { timeout: 120_000 }, async () => {
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 512, lora: [{ path: models.lora, scale: 1 }] });
  await assert.rejects(engine.client.call("inference.setLora", { lora: [{ path: models.q4_0 }] }), (err) => isEngineError(err, "INCOMPATIBLE_ADAPTER"));
  const status = await engine.client.call("inference.status", {});
  assert.deepEqual(status.loaded?.lora, [{ path: models.lora, scale: 1 }]);
  assert.ok((await freshAnswer()).length > 0, "the model still answers");
  await engine.client.call("inference.unload", {});
});
