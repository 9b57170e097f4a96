import { test } from "node:test";
import assert from "node:assert/strict";
import { probeIsStale, ThreadAdvisor, threadsForLoad, threadsNote } from "./thread-load.ts";

const probe = (othersBusyCores?: number) => ({ machineKey: "m", chosen: 2, measurements: [], measuredAt: "t", ...(othersBusyCores === undefined ? {} : { othersBusyCores }) });

test("never more threads than free cores, never fewer than one", () => {
  assert.equal(threadsForLoad(2, 2, 0), 2);
  assert.equal(threadsForLoad(2, 2, 0.4), 2); // a blip under half a core is not a busy core
  assert.equal(threadsForLoad(2, 2, 1), 1);
  assert.equal(threadsForLoad(2, 2, 3.5), 1);
  assert.equal(threadsForLoad(4, 8, 6), 2);
  assert.equal(threadsForLoad(1, 2, 0), 1); // the probe's count is the ceiling
});

test("down at once when a core gets busy, up only after two readings agree", () => {
  const advisor = new ThreadAdvisor();
  assert.equal(advisor.advise(2, 2, 2, 0), null); // idle, running the planned count: keep
  assert.equal(advisor.advise(2, 2, 2, 1), 1); // another process took a core: down now
  assert.equal(advisor.advise(1, 2, 2, 0), null); // free again: wait for a second reading
  assert.equal(advisor.advise(1, 2, 2, 1), null); // busy again: the pending rise is forgotten
  assert.equal(advisor.advise(1, 2, 2, 0), null);
  assert.equal(advisor.advise(1, 2, 2, 0), 2); // two idle readings in a row: back up
});

test("a probe taken under load is measured again once the machine is idle", () => {
  assert.equal(probeIsStale(probe(1), 0), true);
  assert.equal(probeIsStale(probe(1), 1), false);
  assert.equal(probeIsStale(probe(0), 1), false); // the load check handles that direction
  assert.equal(probeIsStale(probe(), 0), false); // older probes carry no load: trusted
});

test("the note says why fewer threads run than the probe chose", () => {
  assert.equal(threadsNote(2, 2, 0), null);
  assert.equal(threadsNote(1, 2, 1), "1 core busy with other work: 1 thread instead of 2 until it is free");
  assert.equal(threadsNote(2, 8, 5.6), "6 cores busy with other work: 2 threads instead of 8 until they are free");
});
