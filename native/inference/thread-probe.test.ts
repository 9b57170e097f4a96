import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseThreads, threadCandidates } from "./thread-probe.ts";

test("candidates cover 1, powers of two, half and all of the machine", () => {
  assert.deepEqual(threadCandidates(1), [1]);
  assert.deepEqual(threadCandidates(2), [1, 2]);
  assert.deepEqual(threadCandidates(8), [1, 2, 4, 8]);
  assert.deepEqual(threadCandidates(12), [1, 2, 4, 6, 8, 12]);
});

test("the fastest decode wins", () => {
  const m = (threads: number, tps: number) => ({ threads, decodeTokensPerSecond: tps, prefillMs: 10 });
  assert.equal(chooseThreads([m(1, 1930), m(2, 94.6)]), 1);
  assert.equal(chooseThreads([m(1, 10), m(2, 19), m(4, 30)]), 4);
});

test("within 5% of the best, fewer threads win", () => {
  const m = (threads: number, tps: number) => ({ threads, decodeTokensPerSecond: tps, prefillMs: 10 });
  assert.equal(chooseThreads([m(2, 98), m(4, 100)]), 2);
  assert.equal(chooseThreads([]), 1);
});
