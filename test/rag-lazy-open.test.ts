// The document index opens on first use: an engine that never touches documents never loads LanceDB
// (its native library is not mapped into the process), and the first documents call opens it. Run
// in-process (createEngine) because what is checked is this process's own memory map (Linux only).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEngine } from "../native/engine/create-engine.ts";

const lanceMapped = () => readFileSync("/proc/self/maps", "utf8").includes("lancedb");

test("LanceDB loads at the first documents call, not at engine start", { skip: process.platform !== "linux" && "reads /proc/self/maps" }, async () => {
  assert.equal(lanceMapped(), false, "nothing loaded LanceDB before the engine");
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-lazy-"));
  const engine = await createEngine({ dataDir, gpu: false, guardNetwork: false });
  try {
    const info = await engine.router.dispatch("1", "engine.info", {}, () => undefined);
    assert.equal(info.ok, true);
    assert.equal(lanceMapped(), false, "start and engine.info leave the index closed");
    const listed = await engine.router.dispatch("2", "rag.collections", {}, () => undefined);
    assert.deepEqual(listed, { ok: true, output: { collections: [] } });
    assert.equal(lanceMapped(), true, "the first documents call opened the index");
  } finally {
    await engine.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
});
