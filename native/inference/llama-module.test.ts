import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The point of llama-module.ts: the engine's modules load without node-llama-cpp, which is imported
// when a model is first needed. Checked in a fresh process whose module loader writes down every
// file it loads (this runner's own process may have imported the package for other tests).
test("the engine's modules load no node-llama-cpp file until a model is needed", async () => {
  const scratch = await mkdtemp(join(tmpdir(), "enclave-lazy-"));
  const log = join(scratch, "loaded.txt");
  const hooks = `import { appendFileSync } from "node:fs";
    export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }`;
  const script = `
    import { register } from "node:module";
    import { appendFileSync } from "node:fs";
    register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hooks)}));
    await import("./native/engine/create-engine.ts");
    appendFileSync(${JSON.stringify(log)}, "--- engine modules loaded\\n");
    const { importLlama, llamaLoaded } = await import("./native/inference/llama-module.ts");
    await importLlama();
    console.log(typeof llamaLoaded().getLlama);
  `;
  try {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim().split("\n").at(-1), "function");
    const [atStart, later] = (await readFile(log, "utf8")).split("--- engine modules loaded\n") as [string, string];
    assert.match(atStart, /native\/engine\/create-engine\.ts/, "the hook saw the engine's own files");
    assert.doesNotMatch(atStart, /node_modules\/node-llama-cpp\//, "no node-llama-cpp file at start");
    assert.match(later, /node_modules\/node-llama-cpp\//, "importLlama() loads it");
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
