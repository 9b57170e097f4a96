import { test } from "node:test";
import assert from "node:assert/strict";
import { JOIN_SLACK, longestFitting, TokenCounter } from "./budget.ts";

/** Runs of segments of 10 tokens each, where joining saves a token per join (like a tokenizer that
 *  folds a trailing space into the next word): the estimate (the sum) is 10% high. */
const segments = 40;
const estimate = (n: number): number => 10 * (n + 1);
const exact = (n: number): number => 10 * (n + 1) - n;

/** Where growing the run one segment at a time, counting each run whole, stops. */
function grownUntilFirstMiss(maxTokens: number): number {
  let n = 0;
  while (n + 1 < segments && exact(n + 1) <= maxTokens) n += 1;
  return n;
}

test("longestFitting ends the run where growing it would, counting a few runs whole", () => {
  for (const maxTokens of [10, 19, 25, 100, 101, 250, 1000]) {
    const counted: number[] = [];
    const n = longestFitting(0, exact(0), segments - 1, maxTokens, estimate, (k) => (counted.push(k), exact(k)));
    assert.equal(n, grownUntilFirstMiss(maxTokens), `maxTokens ${maxTokens}`);
    assert.ok(counted.length <= 3, `maxTokens ${maxTokens}: counted ${counted.join(", ")}`);
  }
});

test("whether joins save tokens, cost tokens or neither, the run ends where growing it would", () => {
  // Parts of uneven size; the estimate is always the sum of their own counts.
  const part = (i: number): number => 3 + ((i * 7) % 11);
  const sum = (n: number): number => Array.from({ length: n + 1 }, (_, i) => part(i)).reduce((a, b) => a + b, 0);
  for (const perJoin of [-1, 0, 1, 2]) {
    const count = (n: number): number => sum(n) + perJoin * n;
    for (const maxTokens of [5, 40, 41, 77, 200]) {
      let grown = 0;
      while (grown + 1 < segments && count(grown + 1) <= maxTokens) grown += 1;
      assert.equal(longestFitting(0, count(0), segments - 1, maxTokens, sum, count), grown, `perJoin ${perJoin}, maxTokens ${maxTokens}`);
    }
  }
});

test("a run over the budget by more than a join can save is not counted again", () => {
  const counted: number[] = [];
  // Known run of 3 segments counts 95; the next adds 10: 105 - JOIN_SLACK > 100.
  const n = longestFitting(3, 95, segments - 1, 100, estimate, (k) => (counted.push(k), exact(k)));
  assert.equal(n, 3);
  assert.deepEqual(counted, []);
  assert.ok(JOIN_SLACK >= 1);
});

test("TokenCounter counts each distinct text once", () => {
  const seen: string[] = [];
  const tokens = new TokenCounter((t) => (seen.push(t), t.length));
  assert.equal(tokens.count("abc"), 3);
  assert.equal(tokens.count("abc"), 3);
  assert.equal(tokens.count("de"), 2);
  assert.deepEqual(seen, ["abc", "de"]);
});
