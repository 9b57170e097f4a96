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

test("a count that decodes nearly as fast and evaluates prompts clearly faster wins", () => {
  const m = (threads: number, tps: number, prefillMs: number) => ({ threads, decodeTokensPerSecond: tps, prefillMs });
  // Measured on the 2-core machine (bench model): decode alike, prefill 1.8x faster on 2 threads.
  assert.equal(chooseThreads([m(1, 34.8, 270), m(2, 32.9, 150)]), 2);
  // Decode more than 10% slower: the prompt's speed does not buy it.
  assert.equal(chooseThreads([m(1, 34.8, 270), m(2, 30.0, 150)]), 1);
  // Prefill only a little faster (not a third): fewer threads still win.
  assert.equal(chooseThreads([m(1, 34.8, 270), m(2, 34.0, 230)]), 1);
  // Among the faster ones, within 5% of the fastest prompt, fewer threads win.
  assert.equal(chooseThreads([m(1, 40, 400), m(2, 39, 200), m(4, 38, 195)]), 2);
});
