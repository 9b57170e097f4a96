import "../../test-setup.ts";
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { coveredByModelAck, recordModelAck, storedModelAcks } from "./licence-acks.ts";

beforeEach(() => globalThis.localStorage.clear());

const q8 = { id: "m-q8", groupKey: "llama|tiny", license: "apache-2.0", sha256: "ab".repeat(32) };

test("a licence accepted for one quant covers the model's other quants with the same licence, and is recorded by hash", () => {
  assert.equal(coveredByModelAck({ ...q8, id: "m-q4" }), false);
  recordModelAck(q8, new Date("2026-12-03T12:00:00Z"));
  assert.equal(coveredByModelAck({ ...q8, id: "m-q4", sha256: null }), true);
  assert.equal(coveredByModelAck({ ...q8, id: "m-q4", license: "llama3" }), false, "another licence asks again");
  assert.equal(coveredByModelAck({ ...q8, id: "other", groupKey: "llama|big" }), false, "another model asks again");
  assert.equal(coveredByModelAck({ ...q8, license: null }), false, "no declared licence is never covered");
  assert.deepEqual(storedModelAcks(), [{ groupKey: "llama|tiny", license: "apache-2.0", sha256: q8.sha256, modelId: "m-q8", acceptedAt: "2026-12-03T12:00:00.000Z" }]);
});

test("nothing is recorded for a file without a licence; a damaged record is ignored", () => {
  recordModelAck({ ...q8, license: null });
  assert.deepEqual(storedModelAcks(), []);
  globalThis.localStorage.setItem("enclave.licenceModels", "{not json");
  assert.deepEqual(storedModelAcks(), []);
});
