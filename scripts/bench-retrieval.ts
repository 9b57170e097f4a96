// Retrieval latency and recall@10 of the IVF_PQ settings (native/rag/index/vector-index.ts) against
// flat search, on random unit vectors; "build" is the vector index build alone (the background job
// that follows an ingest, see native/rag/index/vector-index-builds.ts).
// Usage: node --import tsx scripts/bench-retrieval.ts [rows...] [--dims N]
// Default: 10000 100000 rows, 384 dims. Prints one line per size.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RagStore } from "../native/rag/index/index.ts";
import type { Chunk } from "../native/rag/chunk/index.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { randomUnitVectors } from "../test/fixtures/vectors.ts";
import { median } from "./median.ts";

const args = process.argv.slice(2);
const dimsAt = args.indexOf("--dims");
const dims = dimsAt >= 0 ? Number(args[dimsAt + 1]) : 384;
const sizes = args.filter((_, i) => dimsAt < 0 || (i !== dimsAt && i !== dimsAt + 1)).map(Number);
const QUERIES = 50;

async function run(rows: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "enclave-bench-rag-"));
  const sha = "c".repeat(64);
  const store = await RagStore.open(dir, { embedder: { embedderId: `${sha}:${dims}`, dims }, writeBatchSize: 10_000, vectorIndexThreshold: Number.MAX_SAFE_INTEGER });
  try {
    const vectors = randomUnitVectors(rows, dims, 42);
    const perDoc = 1000;
    for (let d = 0; d * perDoc < rows; d++) {
      const chunks: Chunk[] = vectors.slice(d * perDoc, (d + 1) * perDoc).map((_, i) => ({ index: i, text: `chunk ${d}-${i} word${i % 97}`, tokens: 3, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 1, headingPath: [] }));
      await store.upsertDocument({ id: `d${d}`, path: `/d${d}`, sha256: sha, size: 1, mtime: 0, collection: "c", pages: 1 }, chunks, vectors.slice(d * perDoc, (d + 1) * perDoc));
    }
    await store.optimize();
    const queries = randomUnitVectors(QUERIES, dims, 7);
    const flat: string[][] = [];
    const flatMs: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      flat.push((await store.chunks.vectorSearch(q).distanceType("cosine").select(["id", "_distance"]).limit(10).toArray()).map((r) => String(r.id)));
      flatMs.push(performance.now() - t);
    }
    await store.refreshIndexes(); // the FTS index, built by the ingest itself: not part of "build"
    const tBuild = performance.now();
    await store.buildVectorIndex({ force: true });
    const buildS = (performance.now() - tBuild) / 1000;
    const tuning = (await store.vectorQueryTuning())!;
    let hits = 0;
    const annMs: number[] = [];
    for (const [i, q] of queries.entries()) {
      const t = performance.now();
      const ids = (await store.chunks.vectorSearch(q).distanceType("cosine").nprobes(tuning.nprobes).refineFactor(tuning.refineFactor).select(["id", "_distance"]).limit(10).toArray()).map((r) => String(r.id));
      annMs.push(performance.now() - t);
      hits += ids.filter((id) => flat[i]!.includes(id)).length;
    }
    const retriever = new Retriever(store, { embedder: { embedderId: store.embedder!.embedderId, embed: async () => [queries[0]!] } });
    const hybridMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await retriever.search(`word${i} chunk`, { limit: 10 });
      hybridMs.push(performance.now() - t);
    }
    console.log(
      `rows=${rows} dims=${dims} flat=${median(flatMs).toFixed(1)}ms ivf_pq(build ${buildS.toFixed(1)}s, nprobes=${tuning.nprobes}, refine=${tuning.refineFactor})=` +
        `${median(annMs).toFixed(1)}ms recall@10=${(hits / (QUERIES * 10)).toFixed(3)} hybrid(end to end)=${median(hybridMs).toFixed(1)}ms`,
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

for (const rows of sizes.length ? sizes : [10_000, 100_000]) await run(rows);
