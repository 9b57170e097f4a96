import { test } from "node:test";
import assert from "node:assert/strict";
import type { AnswerStats, Message } from "../../../native/contract/conversations.ts";
import { message } from "../../testing/fixtures.ts";
import { modelChanges } from "./model-changes.ts";

const stats = (modelId: string, quant: string | null): AnswerStats => ({
  promptTokens: 1, evaluatedPromptTokens: 1, outputTokens: 1, ttftMs: 1, totalMs: 1, tokensPerSecond: 1, threads: 1, modelId, modelName: "Tiny", quant,
});
const q = (id: string): Message => message({ id, role: "user", text: "q" });
const a = (id: string, s?: AnswerStats): Message => message({ id, role: "assistant", text: "a", ...(s && { stats: s }) });

test("a divider before the question whose answer another model or quant wrote; none at the start", () => {
  const changes = modelChanges([q("u1"), a("a1", stats("m8", "Q8_0")), q("u2"), a("a2", stats("m8", "Q8_0")), q("u3"), a("a3", stats("m4", "Q4_0")), q("u4"), a("a4", stats("m8", "Q8_0"))]);
  assert.deepEqual([...changes], [
    ["u3", "Switched to Tiny Q4_0"],
    ["u4", "Switched to Tiny Q8_0"],
  ]);
});

test("answers without stats are skipped: the change is measured against the last answer that has them", () => {
  const changes = modelChanges([q("u1"), a("a1", stats("m8", "Q8_0")), q("u2"), a("a2"), q("u3"), a("a3", stats("m8", "Q8_0")), a("a4", stats("m4", null))]);
  assert.deepEqual([...changes], [["a4", "Switched to Tiny"]]);
});
