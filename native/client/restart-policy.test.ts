import { test } from "node:test";
import assert from "node:assert/strict";
import { RestartPolicy } from "./restart-policy.ts";

const options = { maxCrashes: 3, windowMs: 10_000, baseDelayMs: 100, maxDelayMs: 250 };

test("restarts at once, then backs off exponentially up to the cap", () => {
  const policy = new RestartPolicy(options);
  assert.deepEqual(policy.onCrash(0), { restart: true, delayMs: 100 });
  assert.deepEqual(policy.onCrash(1), { restart: true, delayMs: 200 });
  assert.deepEqual(policy.onCrash(2), { restart: true, delayMs: 250 });
});

test("gives up when crashes exceed the limit inside the window", () => {
  const policy = new RestartPolicy(options);
  for (let i = 0; i < 3; i++) assert.equal(policy.onCrash(i * 1000).restart, true);
  const decision = policy.onCrash(3500);
  assert.equal(decision.restart, false);
  assert.match((decision as { reason: string }).reason, /crashed 4 times/);
});

test("crashes older than the window are forgotten", () => {
  const policy = new RestartPolicy(options);
  for (let i = 0; i < 3; i++) policy.onCrash(i);
  assert.deepEqual(policy.onCrash(20_000), { restart: true, delayMs: 100 });
});

test("reset clears the history", () => {
  const policy = new RestartPolicy(options);
  for (let i = 0; i < 4; i++) policy.onCrash(i);
  policy.reset();
  assert.equal(policy.onCrash(5).restart, true);
});
