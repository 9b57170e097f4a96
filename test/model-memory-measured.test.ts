// The fit estimate beside what a load really took (issue 14): loading a model measures the engine's
// resident growth (after the context is made and one token evaluated, so the weights are in memory),
// shows it on the loaded model, and keeps it per file, so the Models page shows it for every variant
// loaded once — also after a restart, before that file is loaded again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestModels } from "./fixtures/test-models.ts";
import { startTestEngine } from "./helpers/engine.ts";

test("a load measures its resident memory and the file keeps it across restarts", async () => {
  const models = await getTestModels();
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-measured-"));
  try {
    const first = await startTestEngine({ dataDir });
    let ramBytes: number;
    try {
      const before = await first.client.call("models.inspect", { model: models.q4_0, contextSize: 256 });
      assert.equal(before.measured, null, "never loaded: nothing measured yet");
      const loaded = await first.client.call("inference.load", { model: models.q4_0, contextSize: 256 });
      ramBytes = loaded.measuredRamBytes!;
      assert.ok(ramBytes > 0, "the load grew the engine's resident memory");
      // The estimate sizes every buffer for the worst case; a fresh load touches less than that.
      assert.ok(before.estimate && ramBytes < before.estimate.ramBytes * 1.5, `measured ${ramBytes} B against an estimate of ${before.estimate?.ramBytes} B`);
      const after = await first.client.call("models.inspect", { model: models.q4_0, contextSize: 256 });
      assert.deepEqual({ ram: after.measured?.ramBytes, ctx: after.measured?.contextSize }, { ram: ramBytes, ctx: loaded.contextSize });
      const other = await first.client.call("models.inspect", { model: models.q8_0 });
      assert.equal(other.measured, null, "a measurement belongs to its own file");
    } finally {
      await first.close();
    }
    const second = await startTestEngine({ dataDir });
    try {
      const kept = await second.client.call("models.inspect", { model: models.q4_0 });
      assert.equal(kept.measured?.ramBytes, ramBytes, "kept across a restart, before any load");
    } finally {
      await second.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
