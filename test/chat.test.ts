// Chat against the real engine process and generated models: streaming, cancel keeping the partial
// answer, KV-cache reuse across turns, regenerate, edit, switching quantization mid-conversation,
// and a LoRA adapter changing the output.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../native/contract/errors.ts";
import type { ChatDeltaEvent } from "../native/contract/events.ts";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestModels, writeCorruptVariants, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let models: TestModels;
let engine: TestEngine;
const greedy = { temperature: 0, maxTokens: 12, seed: 1 };

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
});
after(async () => engine?.close());

test("a chat call before any model is loaded fails clearly and writes nothing", async () => {
  const conversation = await engine.client.call("conversations.create", {});
  await assert.rejects(engine.client.call("chat.send", { conversationId: conversation.id, text: "hi" }), (err) => isEngineError(err, "NO_MODEL_LOADED"));
  assert.equal((await engine.client.call("conversations.get", { id: conversation.id })).messages.length, 0);
});

test("streams deltas with the request's ids and reports stats", async () => {
  const loaded = await engine.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  assert.equal(loaded.model.quant, "Q8_0");
  assert.equal(loaded.threads, 1);
  const conversation = await engine.client.call("conversations.create", { systemPrompt: "You are terse." });
  const deltas: ChatDeltaEvent[] = [];
  const result = await engine.client.call(
    "chat.send",
    { conversationId: conversation.id, text: "Tell me about the sea.", sampling: greedy },
    { onEvent: (name, payload) => name === "chat.delta" && deltas.push(payload as ChatDeltaEvent) },
  );
  const answer = result.assistantMessage;
  assert.ok(deltas.length > 1, "the answer arrives in several deltas");
  assert.equal(deltas.map((d) => d.text).join(""), answer.text);
  assert.ok(deltas.every((d) => d.messageId === answer.id && d.conversationId === conversation.id));
  assert.equal(answer.status, "complete");
  assert.equal(answer.stopReason, "max-tokens");
  const stats = answer.stats!;
  assert.equal(stats.outputTokens, 12);
  assert.ok(stats.ttftMs > 0 && stats.tokensPerSecond > 0);
  assert.equal(stats.threads, 1);
  assert.equal(stats.quant, "Q8_0");

  // A follow-up evaluates only the new tokens: the KV cache of the first turn is reused.
  const second = await engine.client.call("chat.send", { conversationId: conversation.id, text: "And the mountains?", sampling: greedy });
  const s2 = second.assistantMessage.stats!;
  assert.ok(s2.promptTokens > stats.promptTokens + stats.outputTokens, "the prompt holds the whole history");
  // (Random-weight output does not always re-tokenize to the same tokens, so the previous answer may
  // be evaluated again; the first turn's prompt must not be.)
  assert.ok(
    s2.evaluatedPromptTokens <= s2.promptTokens - stats.promptTokens,
    `the first turn's ${stats.promptTokens} prompt tokens were reused (evaluated ${s2.evaluatedPromptTokens} of ${s2.promptTokens})`,
  );
});

test("greedy answers are reproducible; regenerate adds a version of the answer; edit forks a branch", async () => {
  const conversation = await engine.client.call("conversations.create", {});
  const first = await engine.client.call("chat.send", { conversationId: conversation.id, text: "Name a colour.", sampling: greedy });
  const again = await engine.client.call("chat.regenerate", { conversationId: conversation.id, sampling: greedy });
  assert.equal(again.userMessage, null);
  assert.equal(again.assistantMessage.text, first.assistantMessage.text);
  let stored = await engine.client.call("conversations.get", { id: conversation.id });
  assert.deepEqual(stored.messages.map((m) => m.role), ["user", "assistant"]);
  assert.deepEqual(stored.messages[1]!.versions, { index: 2, ids: [first.assistantMessage.id, again.assistantMessage.id] }, "the first answer is kept as version 1");

  const another = await engine.client.call("chat.send", { conversationId: conversation.id, text: "Another one.", sampling: greedy });
  const edited = await engine.client.call("chat.edit", { conversationId: conversation.id, messageId: first.userMessage!.id, text: "Name a fruit.", sampling: greedy });
  stored = await engine.client.call("conversations.get", { id: conversation.id });
  assert.deepEqual(stored.messages.map((m) => m.text), ["Name a fruit.", edited.assistantMessage.text]);
  assert.deepEqual(stored.messages[0]!.versions?.ids, [first.userMessage!.id, edited.userMessage!.id]);

  // The branch before the edit is all there, one call away.
  const old = await engine.client.call("conversations.selectVersion", { id: conversation.id, messageId: first.userMessage!.id });
  assert.deepEqual(old.messages.map((m) => m.text), ["Name a colour.", again.assistantMessage.text, "Another one.", another.assistantMessage.text]);

  // Export the version shown (Markdown and JSON); the JSON imports as a new conversation.
  const md = await engine.client.call("conversations.export", { ids: [conversation.id], format: "markdown" });
  assert.equal(md.count, 1);
  assert.match(md.content, /## You · [^\n]+\n\nName a colour\./);
  const json = await engine.client.call("conversations.export", { ids: [conversation.id], format: "json" });
  const [imported] = (await engine.client.call("conversations.import", { json: json.content })).conversations;
  assert.ok(imported);
  assert.notEqual(imported.id, conversation.id);
  assert.deepEqual(imported.messages.map((m) => m.text), old.messages.map((m) => m.text));
  await assert.rejects(engine.client.call("conversations.import", { json: "{}" }), (err) => isEngineError(err, "INVALID_INPUT"));
});

test("cancel returns the partial answer, kept and marked interrupted", async () => {
  const conversation = await engine.client.call("conversations.create", {});
  const controller = new AbortController();
  let seen = "";
  const result = await engine.client.call(
    "chat.send",
    { conversationId: conversation.id, text: "Write a long story.", sampling: { temperature: 0, maxTokens: 100_000 } },
    {
      signal: controller.signal,
      onEvent: (name, payload) => {
        if (name !== "chat.delta") return;
        seen += (payload as ChatDeltaEvent).text;
        if (seen.length > 40) controller.abort();
      },
    },
  );
  assert.equal(result.assistantMessage.status, "interrupted");
  assert.equal(result.assistantMessage.stopReason, "aborted");
  assert.ok(result.assistantMessage.text.length >= 40);
  assert.ok(seen.startsWith(result.assistantMessage.text) || result.assistantMessage.text.startsWith(seen));
  const stored = await engine.client.call("conversations.get", { id: conversation.id });
  assert.equal(stored.messages.at(-1)!.text, result.assistantMessage.text);
  // The engine still serves the next turn.
  const next = await engine.client.call("chat.send", { conversationId: conversation.id, text: "Shorter.", sampling: greedy });
  assert.equal(next.assistantMessage.status, "complete");
});

test("switching Q8_0 → Q4_0 mid-conversation keeps the history", async () => {
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  const conversation = await engine.client.call("conversations.create", {});
  await engine.client.call("chat.send", { conversationId: conversation.id, text: "Remember the word harbour.", sampling: greedy });
  const switched = await engine.client.call("inference.load", { model: models.q4_0, contextSize: 512 });
  assert.equal(switched.model.quant, "Q4_0");
  const reply = await engine.client.call("chat.send", { conversationId: conversation.id, text: "Which word?", sampling: greedy });
  const stats = reply.assistantMessage.stats!;
  assert.equal(stats.quant, "Q4_0");
  // The new model saw the whole conversation: its prompt includes the earlier turn.
  assert.ok(stats.promptTokens > 20, `prompt of ${stats.promptTokens} tokens includes the history`);
  const stored = await engine.client.call("conversations.get", { id: conversation.id });
  assert.equal(stored.messages.length, 4);
  assert.equal(stored.messages[1]!.stats!.quant, "Q8_0");
});

test("a LoRA adapter changes greedy output; a mismatched one is refused and the engine keeps serving", async () => {
  const ask = async () => {
    const c = await engine.client.call("conversations.create", { systemPrompt: "" });
    return (await engine.client.call("chat.send", { conversationId: c.id, text: "Say something.", sampling: greedy })).assistantMessage.text;
  };
  await engine.client.call("inference.load", { model: models.f16, contextSize: 512 });
  const plain = await ask();
  const withLora = await engine.client.call("inference.load", { model: models.f16, contextSize: 512, lora: [{ path: models.lora }] });
  assert.equal(withLora.lora.length, 1);
  assert.notEqual(await ask(), plain);

  const { mismatchedLora } = await writeCorruptVariants(await mkdtemp(join(tmpdir(), "enclave-lora-")));
  await assert.rejects(
    engine.client.call("inference.load", { model: models.f16, contextSize: 512, lora: [{ path: mismatchedLora }] }),
    (err) => isEngineError(err, "INCOMPATIBLE_ADAPTER") && /adapter/i.test(err.message),
  );
  await engine.client.call("inference.load", { model: models.f16, contextSize: 512 });
  assert.equal(await ask(), plain);
});
