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
