import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Mutex } from "./mutex.ts";

test("runs holders one at a time, in call order", async () => {
  const mutex = new Mutex();
  const log: string[] = [];
  const a = mutex.run(async () => {
    log.push("a start");
    await sleep(20);
    log.push("a end");
  });
  const b = mutex.run(async () => {
    log.push("b start");
    log.push("b end");
  });
  await Promise.all([a, b]);
  assert.deepEqual(log, ["a start", "a end", "b start", "b end"]);
});

test("a throwing holder releases the lock", async () => {
  const mutex = new Mutex();
  await assert.rejects(mutex.run(async () => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(await mutex.run(async () => 42), 42);
  assert.equal(mutex.held, false);
});

test("a waiter cancelled by its signal rejects at once, never runs, and keeps the others' order", async () => {
  const mutex = new Mutex();
  const log: string[] = [];
  let finishA!: () => void;
  const a = mutex.run(async () => {
    log.push("a start");
    await new Promise<void>((resolve) => (finishA = resolve));
    log.push("a end");
  });
  const stop = new AbortController();
  const b = mutex.run(async () => void log.push("b ran"), { signal: stop.signal });
  const c = mutex.run(async () => void log.push("c ran"));
  stop.abort(new Error("no longer wanted"));
  await assert.rejects(b, /no longer wanted/);
  log.push("b rejected");
  finishA();
  await Promise.all([a, c]);
  assert.deepEqual(log, ["a start", "b rejected", "a end", "c ran"]);
});

test("an already aborted signal rejects without queueing; `reason` shapes the error", async () => {
  const mutex = new Mutex();
  const stop = new AbortController();
  stop.abort();
  let ran = false;
  await assert.rejects(
    mutex.run(async () => void (ran = true), { signal: stop.signal, reason: () => new Error("cancelled while waiting") }),
    /cancelled while waiting/,
  );
  assert.equal(ran, false);
  assert.equal(await mutex.run(async () => 1), 1);
});

test("a signal aborted after the holder started does not stop it", async () => {
  const mutex = new Mutex();
  const stop = new AbortController();
  const value = await mutex.run(async () => {
    stop.abort();
    await sleep(5);
    return "finished";
  }, { signal: stop.signal });
  assert.equal(value, "finished");
});

test("drained() waits for every holder queued before it", async () => {
  const mutex = new Mutex();
  const log: string[] = [];
  void mutex.run(async () => {
    await sleep(10);
    log.push("a");
  });
  void mutex.run(async () => void log.push("b"));
  await mutex.drained();
  log.push("drained");
  assert.deepEqual(log, ["a", "b", "drained"]);
});
