// SHA-256 of model files: equal to node:crypto's, cached by path + size + mtime in an atomic JSON
// document, invalidated by a change to the file, cancellable.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestModels } from "./fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { ModelLibrary } from "../native/models/library.ts";
import { sha256File } from "../native/models/hash.ts";
import { isEngineError } from "../native/contract/errors.ts";

let home: string;
let runtime: LlamaRuntime;
let modelPath: string;

before(async () => {
  const models = await getTestModels();
  home = await mkdtemp(join(tmpdir(), "enclave-models-hash-"));
  await mkdir(join(home, "models"));
  modelPath = join(home, "models", "tiny-q8_0.gguf");
  await copyFile(models.q8_0, modelPath);
  runtime = new LlamaRuntime({ gpu: false, maxThreads: 1 });
});

after(async () => {
  await runtime?.dispose();
  if (home) await rm(home, { recursive: true, force: true });
});

function open(): Promise<ModelLibrary> {
  return ModelLibrary.open({ dataDir: join(home, "data"), runtime, homeDir: home, env: {}, includeAppFolders: false });
}

test("sha256 matches node:crypto, is cached, and a changed file is hashed again", async () => {
  const library = await open();
  try {
    await library.addFolder(join(home, "models"));
    const expected = createHash("sha256").update(await readFile(modelPath)).digest("hex");
    const progress: number[] = [];
    const first = await library.hash(modelPath, { onProgress: (p) => progress.push(p.current) });
    assert.equal(first.sha256, expected);
    assert.equal(first.cached, false);
    assert.ok(progress.length >= 1 && progress.at(-1) === (await readFile(modelPath)).length, "the last progress report is the whole file");

    const second = await library.hash(first.id);
    assert.deepEqual(second, { ...first, cached: true });
    assert.equal((await library.resolve(expected)).path, modelPath, "a hashed model resolves by its SHA-256");

    const doc = JSON.parse(await readFile(join(home, "data", "models", "sha256-cache.json"), "utf8"));
    assert.equal(doc.format, "enclave.sha256-cache");
    assert.equal(doc.version, 1);
    assert.equal(Object.values(doc.entries as Record<string, { sha256: string }>)[0]?.sha256, expected);

    // Touching the file (new mtime) invalidates the cached digest.
    const later = new Date(Date.now() + 5000);
    await utimes(modelPath, later, later);
    const third = await library.hash(modelPath);
    assert.equal(third.cached, false);
    assert.equal(third.sha256, expected);
  } finally {
    await library.dispose();
  }
});

test("the cache survives a restart", async () => {
  const library = await open();
  try {
    const result = await library.hash(modelPath);
    assert.equal(result.cached, true);
  } finally {
    await library.dispose();
  }
});

test("hashing stops with ABORTED when cancelled", async () => {
  const big = join(home, "big.bin");
  await writeFile(big, "");
  await truncate(big, 256 * 1024 * 1024); // sparse: cheap to make, 64 reads of 4 MiB to hash
  const controller = new AbortController();
  const started = Date.now();
  await assert.rejects(
    sha256File(big, { signal: controller.signal, progressEveryMs: 0, onProgress: () => controller.abort() }),
    (e) => isEngineError(e, "ABORTED"),
  );
  assert.ok(Date.now() - started < 5000);
  await assert.rejects(sha256File(big, { signal: AbortSignal.abort() }), (e) => isEngineError(e, "ABORTED"));
});
