// recall@10 of the vector-index settings against flat search: 5,000 random unit vectors of 64
// dims (no clusters: harder for IVF than real embeddings). Bigger sizes: scripts/bench-retrieval.ts.
// The indexed searches go through the Retriever itself, so a retriever that forgot the index's query
// tuning (nprobes, refineFactor) fails here. The query embedder is a stand-in that maps "q<i>" to the
// i-th random vector: what is measured is the index, not an embedding model.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RagStore } from "../native/rag/index/index.ts";
import { Retriever, type QueryEmbedder } from "../native/rag/retrieve/index.ts";
import type { Chunk } from "../native/rag/chunk/index.ts";
import { randomUnitVectors } from "./fixtures/vectors.ts";

test("IVF_PQ with the chosen nprobes/refineFactor keeps recall@10 ≥ 0.9 against flat search", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-rag-recall-"));
  const dims = 64;
  const embedderId = `${"e".repeat(64)}:${dims}`;
  const store = await RagStore.open(dir, { embedder: { embedderId, dims }, vectorIndexThreshold: 5000 });
  try {
    const vectors = randomUnitVectors(5000, dims, 42);
    const chunks: Chunk[] = vectors.map((_, i) => ({ index: i, text: `c${i}`, tokens: 1, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 1, headingPath: [] }));
    await store.upsertDocument({ id: "d", path: "/d", sha256: "0".repeat(64), size: 1, mtime: 0, collection: "c", pages: 1 }, chunks, vectors);
    const queries = randomUnitVectors(30, dims, 7);
    const flat = await Promise.all(queries.map(async (q) => (await store.chunks.vectorSearch(q).distanceType("cosine").select(["id", "_distance"]).limit(10).toArray()).map((r) => String(r.id))));
    await store.refreshIndexes();
    assert.equal(await store.vectorQueryTuning(), null, "refreshIndexes builds full-text only: the vector index is built apart");
    assert.equal(await store.buildVectorIndex(), 5000);
    const tuning = (await store.vectorQueryTuning())!;
    assert.ok(tuning, "the threshold was reached: an index exists");
    const embedder: QueryEmbedder = { embedderId, embed: async (texts) => texts.map((t) => queries[Number(t.slice(1))]!) };
    const retriever = new Retriever(store, { embedder });
    let hits = 0;
    for (const i of queries.keys()) {
      const ids = (await retriever.search(`q${i}`, { mode: "vector", limit: 10 })).map((r) => r.chunkId);
      assert.equal(ids.length, 10);
      hits += ids.filter((id) => flat[i]!.includes(id)).length;
    }
    const recall = hits / (queries.length * 10);
    assert.ok(recall >= 0.9, `recall@10 ${recall}`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
