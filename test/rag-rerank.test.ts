// The cross-encoder path with a generated reranker (test/fixtures/reranker-model.ts): random
// weights, so this shows the mechanics only — the ranking context loads, scores one (query,
// passage) pair per passage, and the retriever orders its candidates by those scores. Whether a
// real reranker improves the ranking is measured with one (scripts/bench-rerank.ts gives its cost).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getRerankerModel } from "./fixtures/reranker-model.ts";
import { TINY_SHAPE } from "./fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { CrossEncoder, Retriever } from "../native/rag/retrieve/index.ts";
import { withSearchText } from "../native/rag/chunk/index.ts";

test("a generated reranker scores each candidate and the retriever orders by its scores", { timeout: 120_000 }, async () => {
  const runtime = new LlamaRuntime({ gpu: false, maxThreads: 1 });
  const crossEncoder = await CrossEncoder.load({ runtime, modelPath: await getRerankerModel(TINY_SHAPE), gpuLayers: 0, threads: 1 });
  const dir = await mkdtemp(join(tmpdir(), "enclave-rerank-"));
  const store = await RagStore.open(dir, { embedder: null });
  try {
    const texts = ["The budget for alpha is approved.", "Budget review for bravo happens in May.", "Charlie has no budget yet.", "Delta budget notes, page four."];
    await store.upsertDocument(
      { id: "d", path: "/docs/budget.pdf", sha256: "s", size: 1, mtime: 0, collection: "c", pages: texts.length },
      withSearchText(texts.map((text, i) => ({ index: i, text, tokens: 8, pageStart: i + 1, pageEnd: i + 1, charStart: 0, charEnd: text.length, headingPath: [] })), ""),
      null,
    );
    await store.refreshIndexes();
    const direct = await crossEncoder.rank("budget", texts);
    assert.equal(direct.length, texts.length);
    for (const s of direct) assert.ok(s >= 0 && s <= 1 && Number.isFinite(s), `score ${s} in [0, 1]`);

    const results = await new Retriever(store, { crossEncoder }).search("budget", { limit: 4, mode: "fulltext" });
    assert.equal(results.length, texts.length);
    for (const r of results) assert.equal(r.score, direct[texts.indexOf(r.text)], "each result carries the reranker's score for its passage");
    for (let i = 1; i < results.length; i++) assert.ok(results[i - 1]!.score >= results[i]!.score, "ordered by that score");
  } finally {
    await store.close();
    await crossEncoder.dispose();
    await runtime.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
