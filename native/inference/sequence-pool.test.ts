import { test } from "node:test";
import assert from "node:assert/strict";
import { SequencePool } from "./sequence-pool.ts";
import { isEngineError } from "../contract/errors.ts";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test("hands each slot to one holder at a time, queues the rest in order, and refuses past the queue", async () => {
  const pool = new SequencePool(["a", "b"], { maxQueue: 1 });
  const gate = deferred();
  const signal = new AbortController().signal;
  const seen: string[] = [];
  const hold = (): Promise<void> => pool.use(signal, async (slot) => { seen.push(slot); await gate.promise; });
  const first = hold();
  const second = hold();
  const third = hold(); // waits
  await assert.rejects(hold(), (err) => isEngineError(err, "BUSY"));
  assert.equal(pool.running, 2);
  assert.equal(pool.queued, 1);
  gate.resolve();
  await Promise.all([first, second, third]);
  assert.deepEqual(new Set(seen.slice(0, 2)), new Set(["a", "b"]));
  assert.equal(seen.length, 3);
  assert.equal(pool.running, 0);
});

test("a waiter whose caller aborts leaves the queue; close fails waiters and waits for holders", async () => {
  const pool = new SequencePool([1], { maxQueue: 4 });
  const gate = deferred();
  const holder = pool.use(new AbortController().signal, () => gate.promise);
  const aborted = new AbortController();
  const waiting = pool.use(aborted.signal, async () => "never");
  const other = pool.use(new AbortController().signal, async () => "never");
  assert.equal(pool.queued, 2);
  aborted.abort(new Error("client went away"));
  await assert.rejects(waiting, /client went away/);
  assert.equal(pool.queued, 1);
  let closed = false;
  const closing = pool.close("switching").then(() => (closed = true));
  await assert.rejects(other, (err) => isEngineError(err, "NO_MODEL_LOADED"));
  await new Promise((r) => setImmediate(r));
  assert.equal(closed, false, "close waits for the slot still held");
  gate.resolve();
  await holder;
  await closing;
  assert.equal(closed, true);
});

test("a pool without slots says how to get some", async () => {
  const pool = new SequencePool<number>([], { maxQueue: 4 });
  await assert.rejects(pool.use(new AbortController().signal, async () => 1), (err) => isEngineError(err, "BUSY") && /servingSequences/.test(err.message));
});
