import { test } from "node:test";
import assert from "node:assert/strict";
import { containsExpected, rowFigures, type AnsweredQuestion } from "./answer-score.ts";

const answer = (over: Partial<AnsweredQuestion>): AnsweredQuestion => ({
  line: 1, question: "q", text: "", containsExpected: null, citations: 0, verifiedCitations: 0, ttftMs: 0, outputTokens: 0, tokensPerSecond: 0, cpuMs: 0, ...over,
});

test("containsExpected ignores case, spacing and quote styles; null without an expected answer", () => {
  assert.equal(containsExpected("The warranty lasts  TWO years.", "two years"), true);
  assert.equal(containsExpected("It is the “blue” one", 'the "blue" one'), true);
  assert.equal(containsExpected("three years", "two years"), false);
  assert.equal(containsExpected("anything", undefined), null);
});

test("rowFigures: means per answer, rates over the answers that can be judged, energy from CPU time", () => {
  const row = rowFigures(
    [
      answer({ containsExpected: true, citations: 2, verifiedCitations: 1, ttftMs: 100, outputTokens: 10, tokensPerSecond: 20, cpuMs: 2000 }),
      answer({ containsExpected: false, citations: 1, verifiedCitations: 1, ttftMs: 300, outputTokens: 30, tokensPerSecond: 40, cpuMs: 4000 }),
      answer({ containsExpected: null, ttftMs: 200, outputTokens: 1, tokensPerSecond: 0, cpuMs: 0 }),
    ],
    15,
  );
  assert.equal(row.withExpected, 2);
  assert.equal(row.answerContains, 0.5);
  assert.equal(row.citationVerifiedRate, 2 / 3);
  assert.equal(row.citationsPerAnswer, 1);
  assert.equal(row.ttftMs, 200);
  assert.equal(row.tokensPerSecond, 30, "the one-token answer has no decode rate and is left out");
  assert.equal(row.tokensPerAnswer, 13.67);
  assert.equal(row.cpuMsPerAnswer, 2000);
  assert.equal(row.joulesPerAnswer, 30);
  assert.equal(row.acceptanceRate, undefined, "no speculative decoding → no acceptance figure");
});

test("rowFigures: nothing judged or cited gives null rates, not zero; acceptance over every prediction", () => {
  const row = rowFigures([answer({ speculative: { validated: 3, refuted: 1 } }), answer({ speculative: { validated: 0, refuted: 4 } })], 10);
  assert.equal(row.answerContains, null);
  assert.equal(row.citationVerifiedRate, null);
  assert.equal(row.acceptanceRate, 3 / 8);
  assert.equal(rowFigures([answer({ speculative: { validated: 0, refuted: 0 } })], 10).acceptanceRate, null);
});
