// The embedder on the tiny generated llama model: batches with progress, deterministic vectors,
// identity from the file hash + dims, cancellation, one owner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { getTestModels } from "./fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { Embedder } from "../native/rag/embed/index.ts";

test("embedder: batches, identity, determinism, cancel, dispose", async () => {
  const models = await getTestModels();
  const sha = createHash("sha256").update(await readFile(models.q8_0)).digest("hex");
  const runtime = new LlamaRuntime({ gpu: false, maxThreads: 1 });
  const embedder = await Embedder.load({ runtime, modelPath: models.q8_0, modelSha256: sha, threads: 1, contextSize: 512, gpuLayers: 0 });
  try {
    assert.equal(embedder.dims, models.shape.nEmbd);
    assert.equal(embedder.embedderId, `${sha}:${models.shape.nEmbd}`);
    assert.ok(embedder.countTokens("hello world, this is a test") > 3);
    const texts = ["alpha contract", "beta invoice", "gamma", "alpha contract", "delta report"];
    const progress: number[] = [];
    const vectors = await embedder.embed(texts, { batchSize: 2, onProgress: (p) => progress.push(p.done) });
    assert.deepEqual(progress, [2, 4, 5]);
    assert.equal(vectors.length, 5);
    for (const v of vectors) assert.equal(v.length, embedder.dims);
    assert.deepEqual(vectors[0], vectors[3], "same text, same vector");
    assert.notDeepEqual(vectors[0], vectors[1]);
    const ac = new AbortController();
    await assert.rejects(embedder.embed(texts, { batchSize: 1, signal: ac.signal, onProgress: () => ac.abort() }), { code: "ABORTED" });
    await assert.rejects(embedder.embed(["x ".repeat(2000)]), { code: "INVALID_INPUT" });
    await assert.rejects(Embedder.load({ runtime, modelPath: models.q8_0, modelSha256: "nothex" }), { code: "INVALID_INPUT" });
  } finally {
    await embedder.dispose();
    await runtime.dispose();
  }
  await assert.rejects(embedder.embed(["after"]), { code: "NO_MODEL_LOADED" });
});
