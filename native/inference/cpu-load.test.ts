import { test } from "node:test";
import assert from "node:assert/strict";
import { CpuLoadSampler, type CpuCounters } from "./cpu-load.ts";

/** Counters driven by the test: wall time, all processes' CPU time, and this process's. */
function fakeCounters() {
  const state = { now: 0, busy: 0, own: 0 };
  const counters: CpuCounters = { now: () => state.now, busyMs: () => state.busy, ownMs: () => state.own };
  return { state, counters };
}

test("other processes' share is all CPU time minus this process's, per wall second", () => {
  const { state, counters } = fakeCounters();
  const sampler = new CpuLoadSampler({ counters });
  state.now = 2_000;
  state.busy = 3_000; // 1.5 cores' worth over 2 s
  state.own = 1_000; // of which this process used 0.5 core
  assert.equal(sampler.othersBusyCores(), 1);
});

test("an idle machine reads 0, and this process's own work never counts as load", () => {
  const { state, counters } = fakeCounters();
  const sampler = new CpuLoadSampler({ counters });
  state.now = 1_000;
  state.busy = 1_800;
  state.own = 1_800; // generating on two cores: all of it ours
  assert.equal(sampler.othersBusyCores(), 0);
});

test("a reading too soon after start keeps the previous one instead of dividing by ~0", () => {
  const { state, counters } = fakeCounters();
  const sampler = new CpuLoadSampler({ counters });
  state.now = 1_000;
  state.busy = 1_000;
  assert.equal(sampler.othersBusyCores(), 1);
  // The background roll has not run; a window measured from the older snapshot still applies.
  state.now = 1_100;
  state.busy = 1_100;
  assert.equal(sampler.othersBusyCores(), 1);
});

test("the timer keeps no process alive and stops on dispose", () => {
  const sampler = new CpuLoadSampler({ intervalMs: 10 }).start();
  sampler.start(); // idempotent
  assert.ok(sampler.othersBusyCores() >= 0);
  sampler.dispose();
});
