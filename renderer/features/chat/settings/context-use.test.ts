import { test } from "node:test";
import assert from "node:assert/strict";
import { contextUse, effectiveContext } from "./context-use.ts";
import { message } from "../../../testing/fixtures.ts";

const stats = (promptTokens: number, outputTokens: number) => ({ promptTokens, evaluatedPromptTokens: promptTokens, outputTokens, ttftMs: 1, totalMs: 2, tokensPerSecond: 1, threads: 1, modelId: "m", modelName: "M", quant: null });

test("the last measured answer counts: its prompt and output, of the context size", () => {
  const messages = [
    message({ id: "a0", role: "assistant", text: "x", stats: stats(10, 5) }),
    message({ id: "u1", role: "user", text: "q" }),
    message({ id: "a1", role: "assistant", text: "y", stats: stats(300, 100) }),
    message({ id: "u2", role: "user", text: "pending" }),
  ];
  assert.deepEqual(contextUse(messages, 1000), { used: 400, size: 1000, fraction: 0.4 });
});

test("unknown without figures or without a loaded model", () => {
  assert.deepEqual(contextUse([message({ id: "u", role: "user", text: "q" })], 512), { used: null, size: 512, fraction: null });
  assert.equal(contextUse([message({ id: "a", role: "assistant", text: "y", stats: stats(1, 1) })], null).fraction, null);
});

test("a conversation's cap bounds the context it uses; a cap above the loaded context is clamped to it", () => {
  assert.deepEqual(effectiveContext(null, 2048), { size: 2048, capped: false, clamped: false });
  assert.deepEqual(effectiveContext(512, 2048), { size: 512, capped: true, clamped: false });
  assert.deepEqual(effectiveContext(8192, 2048), { size: 2048, capped: false, clamped: true });
  assert.deepEqual(effectiveContext(512, null), { size: 512, capped: true, clamped: false });
});
