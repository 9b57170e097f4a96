// WorkerSlots: how many conversions run at once, by cores and by free memory, in FIFO order, with
// abortable waits. No workers here (converters.test in test/ runs real ones).
import { test } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../../contract/errors.ts";
import { allowedWorkers, WorkerSlots } from "./worker-slots.ts";

const GiB = 1024 ** 3;

test("allowed workers: the cores when memory is plentiful, fewer when it is short, never 0", () => {
  assert.equal(allowedWorkers({ maxWorkers: 4, bytesPerWorker: GiB, freeMemory: () => 64 * GiB }), 4);
  assert.equal(allowedWorkers({ maxWorkers: 4, bytesPerWorker: GiB, freeMemory: () => 2.5 * GiB }), 2);
  assert.equal(allowedWorkers({ maxWorkers: 4, bytesPerWorker: GiB, freeMemory: () => 0 }), 1);
});

test("slots: at most `allowed` held at once; waiters go in order as slots free up", async () => {
  const slots = new WorkerSlots({ maxWorkers: 2, bytesPerWorker: GiB, freeMemory: () => 8 * GiB });
  const a = await slots.acquire();
  const b = await slots.acquire();
  const order: string[] = [];
  const c = slots.acquire().then((release) => (order.push("c"), release));
  const d = slots.acquire().then((release) => (order.push("d"), release));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [], "both wait while two slots are held");
  assert.equal(slots.busy, 2);
  a();
  a(); // a second release of the same slot is ignored
  const releaseC = await c;
  assert.deepEqual(order, ["c"]);
  assert.equal(slots.busy, 2);
  b();
  (await d)();
  releaseC();
  assert.equal(slots.busy, 0);
});

test("slots: when free memory drops, fewer run; with nothing running one always goes", async () => {
  let free = 8 * GiB;
  const slots = new WorkerSlots({ maxWorkers: 4, bytesPerWorker: GiB, freeMemory: () => free });
  const first = await slots.acquire();
  free = 0.5 * GiB;
  let second = false;
  const waiting = slots.acquire().then((release) => ((second = true), release));
  await new Promise((r) => setImmediate(r));
  assert.equal(second, false, "memory allows one: the second waits");
  first();
  (await waiting)();
  assert.equal(second, true);
  assert.equal(slots.busy, 0);
});

test("slots: an abort while waiting rejects with ABORTED and gives up the place in line", async () => {
  const slots = new WorkerSlots({ maxWorkers: 1, bytesPerWorker: GiB, freeMemory: () => 8 * GiB });
  const held = await slots.acquire();
  const controller = new AbortController();
  const waiting = slots.acquire(controller.signal);
  controller.abort();
  await assert.rejects(waiting, (err) => isEngineError(err, "ABORTED"));
  held();
  assert.equal(slots.busy, 0, "the aborted waiter took no slot");
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(slots.acquire(pre.signal), (err) => isEngineError(err, "ABORTED"));
});
