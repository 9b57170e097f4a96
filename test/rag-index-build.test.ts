// The vector index is built apart from ingestion, on real LanceDB with synthetic vectors: searches
// answer while it builds, a write queued behind it waits (and can be cancelled while it waits), and
// closing the store does not wait for it. Last, through RagService with the tiny generated model as
// embedder: the ingest returns before the build, which is announced through its onNotice; and in a
// real engine process: the notice reaches the client after rag.ingest returned, and shutting the
// engine down mid-build exits at once, leaving the data intact and no half-built index.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineNoticeEvent } from "../native/contract/events.ts";
import { DEFAULT_SETTINGS } from "../native/contract/settings.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import type { ModelLibrary } from "../native/models/library.ts";
import type { Chunk } from "../native/rag/chunk/index.ts";
import { makeEmbedderId } from "../native/rag/embed/index.ts";
import { RagService } from "../native/rag/service.ts";
import { runEnclave } from "./helpers/cli.ts";
import { startTestEngine } from "./helpers/engine.ts";
import { getTestModels } from "./fixtures/test-models.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { VectorIndexBuilds } from "../native/rag/index/vector-index-builds.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { randomUnitVectors } from "./fixtures/vectors.ts";

const DIMS = 384;
const ROWS = 6000;
const PER_DOC = 1000;
const SHA = "f".repeat(64);

/** A store holding ROWS synthetic chunks, FTS-indexed as an ingest leaves it; the vector index is due from 2,000 rows. */
async function filledStore(): Promise<{ store: RagStore; dir: string; queries: Float32Array[] }> {
  const dir = await mkdtemp(join(tmpdir(), "enclave-rag-index-build-"));
  const store = await RagStore.open(dir, { embedder: { embedderId: `${SHA}:${DIMS}`, dims: DIMS }, writeBatchSize: PER_DOC, vectorIndexThreshold: 2000 });
  const vectors = randomUnitVectors(ROWS, DIMS, 3);
  for (let d = 0; d * PER_DOC < ROWS; d++) {
    const slice = vectors.slice(d * PER_DOC, (d + 1) * PER_DOC);
    const chunks: Chunk[] = slice.map((_, i) => ({ index: i, text: `passage ${d}-${i} marker${i % 50}`, tokens: 3, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 1, headingPath: [] }));
    await store.upsertDocument({ id: `d${d}`, path: `/docs/d${d}.txt`, sha256: SHA, size: 1, mtime: 0, collection: "c", pages: 1 }, chunks, slice);
  }
  await store.refreshIndexes();
  return { store, dir, queries: vectors.slice(0, 3) };
}

function doc(n: number) {
  return { id: `late${n}`, path: `/docs/late${n}.txt`, sha256: SHA, size: 1, mtime: 0, collection: "c", pages: 1 };
}
const oneChunk: Chunk[] = [{ index: 0, text: "a late passage", tokens: 3, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 1, headingPath: [] }];

test("refreshIndexes builds full-text only; the background build is announced and searches answer while it runs", { timeout: 120_000 }, async () => {
  const { store, dir, queries } = await filledStore();
  try {
    assert.equal(await store.vectorIndexDue(), ROWS);
    assert.equal(await store.vectorQueryTuning(), null, "no vector index after the ingest's refresh");
    const retriever = new Retriever(store, { embedder: { embedderId: store.embedder!.embedderId, embed: async () => [queries[0]!] } });

    const notices: EngineNoticeEvent[] = [];
    const builds = new VectorIndexBuilds();
    const build = builds.schedule(store, (n) => notices.push(n));
    assert.equal(builds.schedule(store, () => undefined), build, "one build at a time per table");
    while (notices.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(notices[0]!.message, `Building the vector index for ${ROWS.toLocaleString("en-US")} passages…`);

    const vector = await retriever.search("anything", { mode: "vector", limit: 5 });
    const fulltext = await retriever.search("marker7", { mode: "fulltext", limit: 5 });
    const stillBuilding = store.vectorIndexBuilding && notices.length === 1;
    assert.equal(vector.length, 5);
    assert.equal(vector[0]!.chunkId, "d0#1#0", "flat search finds the query vector's own chunk first");
    assert.ok(fulltext.length > 0 && fulltext.every((h) => h.text.includes("marker7")));
    assert.ok(stillBuilding, "both searches answered while the index was being built");

    await build;
    assert.deepEqual(notices.map((n) => n.code), ["VECTOR_INDEX_BUILDING", "VECTOR_INDEX_READY"]);
    assert.ok(await store.vectorQueryTuning(), "the index is there once the build is ready");
    assert.equal(await store.vectorIndexDue(), null);
    const after = await retriever.search("anything", { mode: "vector", limit: 5 });
    assert.equal(after[0]!.chunkId, "d0#1#0");
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a write queued behind the build waits for it, and one can be cancelled while it waits", { timeout: 120_000 }, async () => {
  const { store, dir } = await filledStore();
  try {
    const order: string[] = [];
    let started!: () => void;
    const building = new Promise<void>((resolve) => (started = resolve));
    const build = store.buildVectorIndex({ onStart: () => started() }).then(() => order.push("build"));
    await building;
    assert.equal(store.vectorIndexBuilding, true);

    const queued = store.upsertDocument(doc(1), oneChunk, [randomUnitVectors(1, DIMS, 9)[0]!]).then(() => order.push("write"));
    const controller = new AbortController();
    const cancelled = store.upsertDocument(doc(2), oneChunk, [randomUnitVectors(1, DIMS, 10)[0]!], { signal: controller.signal });
    controller.abort(); // it cannot have started: the build holds the lock
    await assert.rejects(cancelled, (e: Error & { code?: string }) => e.code === "ABORTED");
    assert.equal(store.vectorIndexBuilding, true, "the cancelled write returned while the build still ran");

    await Promise.all([build, queued]);
    assert.deepEqual(order, ["build", "write"]);
    assert.equal((await store.getDocument(doc(1).id))?.status, "ready");
    assert.equal(await store.getDocument(doc(2).id), undefined, "the cancelled write never ran");
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("close() does not wait for a running build, and refuses writes queued behind it", { timeout: 120_000 }, async () => {
  const { store, dir } = await filledStore();
  let build: Promise<unknown> = Promise.resolve();
  try {
    let started!: () => void;
    const building = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    build = store.buildVectorIndex({ onStart: () => started() }).then(
      () => (finished = true),
      () => (finished = true),
    );
    await building;
    const queued = store.upsertDocument(doc(3), oneChunk, [randomUnitVectors(1, DIMS, 11)[0]!]);
    await store.close();
    assert.equal(finished, false, "close() returned while the build was still running");
    await assert.rejects(queued, /closed/);
  } finally {
    await build; // the native build goes on after close(); let it end before the directory goes
    await rm(dir, { recursive: true, force: true });
  }
});

interface SeededService {
  rag: RagService;
  /** A small text file with the marker word HALCYON, not yet ingested. */
  file: string;
  close(): Promise<void>;
}

/**
 * A RagService on the tiny generated model whose table already holds `rows` passages of that
 * embedder (synthetic: embedding that many with the model would take minutes); the vector index is
 * due from 300 rows, so ingesting `file` makes it due.
 */
/** A data folder whose index holds `rows` synthetic passages in the tiny model's table, and a note to ingest. */
async function seededDataDir(rows: number): Promise<{ dataDir: string; file: string; modelPath: string; embedder: { embedderId: string; dims: number }; sha256: string }> {
  const models = await getTestModels();
  const sha256 = createHash("sha256").update(await readFile(models.q8_0)).digest("hex");
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-rag-index-service-"));
  const dims = models.shape.nEmbd;
  const embedderId = makeEmbedderId(sha256, dims);
  const seeded = await RagStore.open(join(dataDir, "rag"), { embedder: { embedderId, dims }, writeBatchSize: 10_000 });
  const vectors = randomUnitVectors(rows, dims, 5);
  const chunks: Chunk[] = vectors.map((_, i) => ({ index: i, text: `seeded passage ${i}`, tokens: 3, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 1, headingPath: [] }));
  await seeded.upsertDocument({ id: "seed", path: "/seed.txt", sha256: SHA, size: 1, mtime: 0, collection: "big", pages: 1 }, chunks, vectors);
  await seeded.close();
  const file = join(dataDir, "note.txt");
  await writeFile(file, "The quarterly note mentions the marker word HALCYON once.\n");
  return { dataDir, file, modelPath: models.q8_0, embedder: { embedderId, dims }, sha256 };
}

async function seededService(rows: number): Promise<SeededService> {
  const { dataDir, file, modelPath, sha256 } = await seededDataDir(rows);

  const runtime = new LlamaRuntime({ gpu: false, maxThreads: 2 });
  const library = { resolve: async () => ({ path: modelPath }), hash: async () => ({ sha256 }) } as unknown as Pick<ModelLibrary, "resolve" | "hash">;
  const rag = await RagService.open({ dataDir, runtime, library, settings: () => ({ ...DEFAULT_SETTINGS, embeddingModel: "tiny" }), forcedThreads: 2, vectorIndexThreshold: 300 });
  return {
    rag,
    file,
    async close() {
      await rag.dispose();
      while (rag.vectorIndexBuilding) await new Promise((resolve) => setTimeout(resolve, 20)); // the native build outlives dispose()
      await runtime.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

test("RagService: the ingest returns before the vector index build, which is announced and then used", { timeout: 120_000 }, async () => {
  const { rag, file, close } = await seededService(400);
  try {
    const notices: EngineNoticeEvent[] = [];
    const run = await rag.ingest([file], "big", { ocr: false, onNotice: (n) => notices.push(n) });
    assert.equal(run.files[0]?.outcome, "added", JSON.stringify(run.files[0]?.error));
    assert.equal(rag.vectorIndexBuilding, true, "the ingest returned with the build still to come");
    assert.ok(!notices.some((n) => n.code === "VECTOR_INDEX_READY"));

    const fulltext = await rag.search("HALCYON", { collection: "big", k: 3, mode: "fulltext" });
    assert.ok(fulltext.hits[0]?.text.includes("HALCYON"), "the new file is searchable as soon as the ingest returns");
    const vector = await rag.search("HALCYON", { collection: "big", k: 3, mode: "vector" });
    assert.equal(vector.hits.length, 3);
    while (rag.vectorIndexBuilding) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(notices.map((n) => n.code), ["VECTOR_INDEX_BUILDING", "VECTOR_INDEX_READY"]);
    assert.equal(notices[0]!.message, `Building the vector index for ${400 + run.files[0]!.chunks} passages…`);
    const after = await rag.search("HALCYON", { collection: "big", k: 3, mode: "vector" });
    assert.equal(after.hits.length, 3);
  } finally {
    await close();
  }
});

test("RagService: dispose during a build does not wait for it; a removal queued behind it is cancelled", { timeout: 120_000 }, async () => {
  const { rag, file, close } = await seededService(30_000);
  try {
    const notices: EngineNoticeEvent[] = [];
    await rag.ingest([file], "big", { ocr: false, onNotice: (n) => notices.push(n) });
    while (notices.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const removal = rag.removeDocument("seed");
    removal.catch(() => undefined); // asserted below, after dispose
    await rag.dispose();
    assert.equal(rag.vectorIndexBuilding, true, "dispose() returned while the build still ran");
    await assert.rejects(removal, (e: Error & { code?: string }) => e.code === "ABORTED");
    assert.deepEqual(notices.map((n) => n.code), ["VECTOR_INDEX_BUILDING"], "no failure is reported for an abandoned build");
  } finally {
    await close();
  }
});

test("engine: the build's notices reach the client after rag.ingest returned; shutdown mid-build exits at once and leaves no half index", { timeout: 120_000 }, async () => {
  const rows = 80_000; // past the 20,000-row threshold, and a build of several seconds
  const { dataDir, file, modelPath, embedder } = await seededDataDir(rows);
  const engine = await startTestEngine({ dataDir });
  try {
    const notices: EngineNoticeEvent[] = [];
    engine.client.onNotice((n) => notices.push(n));
    await engine.client.call("settings.update", { embeddingModel: modelPath });
    const run = await engine.client.call("rag.ingest", { paths: [file], collection: "big" });
    assert.equal(run.files[0]?.outcome, "added", JSON.stringify(run.files[0]?.error));
    assert.equal(run.vectorIndexBuilding, true, "the result says a vector index is being built");
    while (notices.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(notices[0]!.code, "VECTOR_INDEX_BUILDING");
    assert.equal(notices[0]!.message, `Building the vector index for ${(rows + run.files[0]!.chunks).toLocaleString("en-US")} passages…`);
    const { hits } = await engine.client.call("rag.search", { query: "HALCYON", collection: "big", mode: "fulltext" });
    assert.ok(hits[0]?.text.includes("HALCYON"));

    const started = performance.now();
    await engine.client.close();
    const closeMs = performance.now() - started;
    assert.ok(!notices.some((n) => n.code === "VECTOR_INDEX_READY"), "the build was still running at shutdown");
    assert.ok(closeMs < 4000, `the engine exited by itself, not by the supervisor's 5 s kill (${Math.round(closeMs)} ms)`);

    const store = await RagStore.open(join(dataDir, "rag"), { embedder });
    try {
      assert.equal(await store.countChunks(), rows + run.files[0]!.chunks, "every row is still there");
      assert.equal(await store.vectorQueryTuning(), null, "the interrupted build left no index");
      assert.equal(await store.vectorIndexDue(), rows + run.files[0]!.chunks, "so the next ingest builds it again");
    } finally {
      await store.close();
    }
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("enclave ingest waits for the vector index it made due (stopping the engine would abandon it)", { timeout: 180_000 }, async () => {
  const rows = 21_000; // just past the threshold
  const { dataDir, file, modelPath, embedder } = await seededDataDir(rows);
  const enclave = (args: string[]) => runEnclave(dataDir, args);
  try {
    assert.equal((await enclave(["settings", "set", "embeddingModel", modelPath])).code, 0);
    const run = await enclave(["ingest", file, "--collection", "big", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { vectorIndexBuilding: boolean }).vectorIndexBuilding, true);
    assert.match(run.stderr, /Building the vector index/);
    assert.match(run.stderr, /The vector index for [\d,]+ passages is ready in/);
    const store = await RagStore.open(join(dataDir, "rag"), { embedder });
    try {
      assert.notEqual(await store.vectorQueryTuning(), null, "the index exists after the command exits");
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
