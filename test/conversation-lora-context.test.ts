// A conversation's own LoRA adapters and context cap, through the real engine process and the
// generated models: two conversations with different adapter lists answered alternately each get
// their own adapters (named in every answer's stats) without the base model being loaded again; an
// adapter that cannot be applied is refused before anything is written; a context cap trims what
// the model is given; and a journal written before these settings existed opens and answers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isEngineError } from "../native/contract/errors.ts";
import type { ProgressEvent } from "../native/contract/events.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { journalBeforeSettings } from "./fixtures/journal-before-settings.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let models: TestModels;
let engine: TestEngine;
const greedy = { temperature: 0, maxTokens: 12, seed: 1 };
const QUESTION = "Tell me about the sea.";
const LORA_NAME = "tiny-lora.gguf";

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 1024 });
});
after(async () => engine?.close());

/** Sends `text` in a conversation and collects the progress it reported. */
async function send(conversationId: string, text: string, sampling = greedy) {
  const progress: ProgressEvent[] = [];
  const result = await engine.client.call("chat.send", { conversationId, text, sampling }, { onEvent: (name, p) => name === "progress" && progress.push(p as ProgressEvent) });
  return { message: result.assistantMessage, progress };
}

test("two conversations with different adapter lists, answered alternately: each answer has its own adapters, the model is never loaded again", { timeout: 300_000 }, async () => {
  const styled = await engine.client.call("conversations.create", { systemPrompt: "You are terse.", lora: [{ path: models.lora, scale: 2 }] });
  const plain = await engine.client.call("conversations.create", { systemPrompt: "You are terse.", lora: [] });
  assert.deepEqual(styled.lora, [{ path: models.lora, scale: 2 }]);

  const answers: { styled: string[]; plain: string[] } = { styled: [], plain: [] };
  const swaps: string[] = [];
  for (let round = 0; round < 2; round++) {
    for (const [name, conversation, adapters] of [["styled", styled, [{ name: LORA_NAME, scale: 2 }]], ["plain", plain, []]] as const) {
      const { message, progress } = await send(conversation.id, QUESTION);
      assert.equal(message.status, "complete");
      assert.deepEqual(message.stats?.adapters, adapters, `${name}'s answer ${round + 1} names its adapters`);
      assert.ok(progress.every((p) => !/^Loading/.test(p.message ?? "")), `the base model is not loaded again: ${progress.map((p) => p.message).join(" | ")}`);
      swaps.push(...progress.filter((p) => p.message === "Applying the adapters").map(() => name));
      answers[name].push(message.text);
      const status = await engine.client.call("inference.status", {});
      assert.deepEqual(status.loaded?.lora, name === "styled" ? [{ path: models.lora, scale: 2 }] : [], "the loaded context carries the conversation's adapters");
    }
  }
  assert.deepEqual(swaps, ["styled", "plain", "styled", "plain"], "each turn swapped the adapters of the other conversation out");
  assert.notEqual(answers.styled[0], answers.plain[0], "the adapter changed the greedy answer to the same first question");

  // The same list again: no swap at all.
  const again = await send(plain.id, "And the shore?");
  assert.deepEqual(again.progress.filter((p) => p.message === "Applying the adapters"), []);

  // A conversation with no list of its own is answered with whatever the model has now.
  const follower = await engine.client.call("conversations.create", {});
  assert.equal(follower.lora ?? null, null);
  await engine.client.call("inference.setLora", { lora: [{ path: models.lora, scale: 0.5 }] });
  assert.deepEqual((await send(follower.id, QUESTION)).message.stats?.adapters, [{ name: LORA_NAME, scale: 0.5 }]);

  // Rescaling a conversation's adapter applies the new scale on its next answer.
  await engine.client.call("conversations.update", { id: styled.id, lora: [{ path: models.lora, scale: 1.5 }] });
  assert.deepEqual((await send(styled.id, "More?")).message.stats?.adapters, [{ name: LORA_NAME, scale: 1.5 }]);
});

test("an adapter that cannot be applied is refused before anything is written, and the model keeps its adapters", { timeout: 120_000 }, async () => {
  await engine.client.call("inference.setLora", { lora: [{ path: models.lora, scale: 1 }] });
  const wrong = await engine.client.call("conversations.create", { lora: [{ path: models.q4_0, scale: 1 }] });
  await assert.rejects(send(wrong.id, QUESTION), (err) => isEngineError(err, "INCOMPATIBLE_ADAPTER") && /could not be applied/.test(err.message) && /conversation's settings/.test(err.message));
  const gone = await engine.client.call("conversations.create", { lora: [{ path: join(engine.dataDir, "moved-away.gguf"), scale: 1 }] });
  await assert.rejects(send(gone.id, QUESTION), (err) => isEngineError(err, "INCOMPATIBLE_ADAPTER") && /not there any more/.test(err.message));
  for (const id of [wrong.id, gone.id]) assert.equal((await engine.client.call("conversations.get", { id })).messages.length, 0, "nothing was written");
  assert.deepEqual((await engine.client.call("inference.status", {})).loaded?.lora, [{ path: models.lora, scale: 1 }]);
  const fine = await engine.client.call("conversations.create", {});
  assert.equal((await send(fine.id, QUESTION)).message.status, "complete", "the model still answers");
});

test("a context cap trims what the model is given to the cap, earliest turns first", { timeout: 300_000 }, async () => {
  const conversation = await engine.client.call("conversations.create", { systemPrompt: "You are terse.", lora: [] });
  const long = (n: number) => `Question ${n}: ${"tell me about waves, tides, harbours and ships at sea ".repeat(4)}`;
  for (let n = 1; n <= 4; n++) await send(conversation.id, long(n));
  const uncapped = (await send(conversation.id, long(5))).message.stats!;
  assert.ok(uncapped.promptTokens > 300, `the history is long enough to be trimmed (${uncapped.promptTokens} prompt tokens)`);

  const capped = await engine.client.call("conversations.update", { id: conversation.id, contextSize: 256 });
  assert.equal(capped.contextSize, 256);
  const regenerated = await engine.client.call("chat.regenerate", { conversationId: conversation.id, sampling: greedy });
  const stats = regenerated.assistantMessage.stats!;
  assert.ok(stats.promptTokens + stats.outputTokens <= 256, `prompt ${stats.promptTokens} + answer ${stats.outputTokens} tokens fit the cap of 256`);
  assert.ok(stats.promptTokens < uncapped.promptTokens, "the same turn was given less history under the cap");
  assert.equal((await engine.client.call("conversations.get", { id: conversation.id })).messages.length, 10, "nothing is removed from the conversation");

  // Out of range: a sentence, not a schema dump; the cap is unchanged.
  await assert.rejects(engine.client.call("conversations.update", { id: conversation.id, contextSize: 10 }), (err) => isEngineError(err, "INVALID_INPUT") && /Context size must be between 256 and 1,048,576 tokens\./.test(err.message) && !/expected/.test(err.message));
  await engine.client.call("conversations.update", { id: conversation.id, contextSize: null });
  const whole = (await engine.client.call("chat.regenerate", { conversationId: conversation.id, sampling: greedy })).assistantMessage.stats!;
  assert.equal(whole.promptTokens, uncapped.promptTokens, "without the cap the whole history is given again");
});

test("a journal written before adapters, caps and stats.adapters existed opens and is answered", { timeout: 120_000 }, async () => {
  const id = "journal-from-before";
  mkdirSync(join(engine.dataDir, "conversations"), { recursive: true });
  writeFileSync(join(engine.dataDir, "conversations", `${id}.jsonl`), journalBeforeSettings(id));
  const old = await engine.client.call("conversations.get", { id });
  assert.deepEqual([old.lora ?? null, old.contextSize ?? null, old.messages.length], [null, null, 2]);
  assert.equal(old.messages[1]!.stats?.adapters, undefined);
  const next = await send(id, "And now?");
  assert.equal(next.message.status, "complete");
  assert.ok(Array.isArray(next.message.stats?.adapters), "a new answer names its adapters (the model's, as the conversation has no list)");
});
