import { test } from "node:test";
import assert from "node:assert/strict";
import type { Message } from "../contract/conversations.ts";
import { answerReserve, fitHistory } from "./history-fit.ts";

const msg = (id: string, role: "user" | "assistant", words: number): Message => ({ id, role, text: "w ".repeat(words).trim(), createdAt: "2026-01-01T00:00:00.000Z" });
// Each message costs its words plus 4 (a template's markers); the prompt adds 10 (system prompt and question).
const count = (history: readonly Message[]) => 10 + history.reduce((n, m) => n + m.text.split(" ").length + 4, 0);
const history = [msg("u1", "user", 20), msg("a1", "assistant", 40), msg("u2", "user", 20), msg("a2", "assistant", 40), msg("u3", "user", 20), msg("a3", "assistant", 40)];

test("a history within the cap is kept whole", () => {
  const fit = fitHistory(history, 4096, 100, count);
  assert.equal(fit.history.length, 6);
  assert.equal(fit.promptTokens, count(history));
  assert.equal(fit.answerTokens, 4096 - count(history));
});

test("the earliest whole turns are left out until the answer has its room", () => {
  // limit 200, reserve 50 → budget 150: all (214) no, from u2 (146) yes.
  const fit = fitHistory(history, 200, 50, count);
  assert.deepEqual(fit.history.map((m) => m.id), ["u2", "a2", "u3", "a3"]);
  assert.equal(fit.promptTokens, 146);
  assert.equal(fit.answerTokens, 54);
  // limit 150 → budget 100: from u2 (146) no, from u3 (78) yes.
  assert.deepEqual(fitHistory(history, 150, 50, count).history.map((m) => m.id), ["u3", "a3"]);
});

test("a kept history always starts at a question, never at an answer", () => {
  for (let limit = 60; limit < 400; limit += 7) {
    const fit = fitHistory(history, limit, undefined, count);
    assert.ok(fit.history.length === 0 || fit.history[0]!.role === "user", `limit ${limit}`);
    assert.ok(fit.history.length === 0 || fit.promptTokens <= limit - answerReserve(limit, undefined), `limit ${limit}`);
  }
});

test("when even the question alone is too long, no history is given and the answer keeps at least a token", () => {
  const fit = fitHistory(history, 12, undefined, count);
  assert.deepEqual(fit.history, []);
  assert.equal(fit.answerTokens, 2);
});

test("the reserve for the answer is the longest answer asked for, at most half the cap", () => {
  assert.equal(answerReserve(1000, 100), 100);
  assert.equal(answerReserve(1000, 900), 500);
  assert.equal(answerReserve(1000, undefined), 250);
});
