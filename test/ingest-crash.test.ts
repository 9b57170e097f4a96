// Ingestion that does not finish: kill -9 of the engine mid-ingest (then a re-run), cancelling a
// call, and switching the embedding model. Afterwards the index must hold exactly the visible
// chunks of ready documents: no duplicates, no orphans, nothing half-written, vectors of two
// embedders never in one table.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEngineError } from "../native/contract/errors.ts";
import type { ProgressEvent } from "../native/contract/events.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { fixtureDir, manyPagePdf } from "./fixtures/documents/documents.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let engine: TestEngine;
let models: TestModels;

let dataDir: string;

before(async () => {
  models = await getTestModels();
  dataDir = await mkdtemp(join(tmpdir(), "enclave-ingest-crash-"));
  engine = await startTestEngine({ dataDir });
  await engine.client.call("settings.update", { embeddingModel: models.q8_0 });
});
after(async () => {
  await engine?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function bigFolder(prefix: string, files: number, pages: number): string {
  const { dir, write } = fixtureDir(prefix);
  for (let i = 0; i < files; i++) write(`doc-${i}.pdf`, manyPagePdf(pages + i));
  return dir;
}

/** Rows in one embedder's chunks table, read straight from disk (the engine must not be writing). */
async function rowsInTable(embedderId: string | null, filter?: string): Promise<number> {
  const dims = embedderId ? Number(embedderId.split(":")[1]) : 0;
  const store = await RagStore.open(join(engine.dataDir, "rag"), { embedder: embedderId ? { embedderId, dims } : null });
  try {
    return await store.countChunks(filter);
  } finally {
    await store.close();
  }
}

async function assertClean(collection: string, expectFiles: number): Promise<string> {
  const { documents } = await engine.client.call("rag.documents", { collection });
  assert.equal(documents.length, expectFiles);
  for (const d of documents) assert.equal(d.status, "ready", `${d.path}: ${d.error}`);
  const { collections } = await engine.client.call("rag.collections", {});
  const info = collections.find((c) => c.name === collection)!;
  const visible = documents.reduce((n, d) => n + d.chunks, 0);
  assert.equal(info.chunks, visible);
  // every row on disk for this collection is a visible chunk of a ready document
  assert.equal(await rowsInTable(info.embedderId, `collection = '${collection}'`), visible, "no duplicate or orphan chunks");
  return info.embedderId!;
}

test("kill -9 mid-ingestion, then ingest again: no duplicates, no orphans, all ready", { timeout: 150_000 }, async () => {
  const dir = bigFolder("enclave-ingest-kill-", 5, 6);
  let killed = false;
  let filesDone = 0;
  const ingesting = engine.client.call("rag.ingest", { paths: [dir], collection: "crash" }, {
    onEvent: (name, payload) => {
      const p = payload as ProgressEvent;
      if (name !== "progress" || killed) return;
      if (p.file?.phase === "done") filesDone++;
      if (filesDone >= 2 && p.file?.phase === "embedding") {
        killed = true;
        engine.client.kill("SIGKILL");
      }
    },
  });
  await assert.rejects(ingesting, (err) => isEngineError(err, "ENGINE_CRASHED"));
  assert.ok(killed);

  const interrupted = await engine.client.call("rag.documents", { collection: "crash" });
  assert.ok(interrupted.documents.some((d) => d.status === "failed" && /interrupted/.test(d.error ?? "")), "the file being ingested is marked interrupted");
  assert.ok(interrupted.documents.filter((d) => d.status === "ready").length >= 2);

  const rerun = await engine.client.call("rag.ingest", { paths: [dir], collection: "crash" });
  const outcomes = rerun.files.map((f) => f.outcome).sort();
  assert.ok(outcomes.filter((o) => o === "unchanged").length >= 2, outcomes.join());
  assert.ok(outcomes.every((o) => o === "unchanged" || o === "added"), outcomes.join());
  // chunk counts equal a clean run's: the reported counts match what is visible per document
  const { documents } = await engine.client.call("rag.documents", { collection: "crash" });
  for (const f of rerun.files) assert.equal(documents.find((d) => d.path === f.path)!.chunks, f.chunks, f.path);
  await engine.close().then(() => undefined, () => undefined);
  engine = await startTestEngine({ dataDir });
  await assertClean("crash", 5);
});

test("cancel mid-ingest returns cancelled with what was finished; nothing half-written", { timeout: 120_000 }, async () => {
  const dir = bigFolder("enclave-ingest-cancel-", 4, 8);
  const controller = new AbortController();
  let filesDone = 0;
  const result = await engine.client.call("rag.ingest", { paths: [dir], collection: "cancel" }, {
    signal: controller.signal,
    onEvent: (name, payload) => {
      const p = payload as ProgressEvent;
      if (p.file?.phase === "done") filesDone++;
      if (filesDone >= 1 && !controller.signal.aborted) controller.abort();
    },
  }).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  // The router may answer the cancelled call with ABORTED; either way the index must be clean.
  if (!(result instanceof Error)) {
    assert.equal(result.cancelled, true);
    assert.ok(result.files.length < 4);
  } else assert.ok(isEngineError(result, "ABORTED"), String(result));
  // The engine finishes the cancelled call's cleanup just after answering: wait for it.
  let documents = (await engine.client.call("rag.documents", { collection: "cancel" })).documents;
  for (let i = 0; i < 50 && documents.some((d) => d.status === "ingesting"); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    documents = (await engine.client.call("rag.documents", { collection: "cancel" })).documents;
  }
  assert.ok(documents.length >= 1 && documents.length < 4, `${documents.length} documents`);
  assert.ok(documents.every((d) => d.status === "ready"), "no half-ingested document");
  const again = await engine.client.call("rag.ingest", { paths: [dir], collection: "cancel" });
  assert.equal(again.cancelled, false);
  assert.equal(again.files.filter((f) => f.outcome === "unchanged").length, documents.length);
});

test("switching the embedding model: a new table, re-indexed on the next ingest, search still works", { timeout: 120_000 }, async () => {
  const { dir, write } = fixtureDir("enclave-ingest-switch-");
  write("a.md", "# Alpha\n\nThe switch marker word is OSPREY.\n");
  write("b.txt", "Another file mentioning a KESTREL.\n");
  await engine.client.call("rag.ingest", { paths: [dir], collection: "switch" });
  const before = await assertClean("switch", 2);

  await engine.client.call("settings.update", { embeddingModel: models.q4_0 });
  // Before re-ingesting, the new embedder's table has nothing of this collection (search sees none of it).
  assert.equal((await engine.client.call("rag.search", { query: "OSPREY", collection: "switch", mode: "fulltext" })).hits.length, 0);
  const rerun = await engine.client.call("rag.ingest", { paths: [dir], collection: "switch" });
  assert.deepEqual(rerun.files.map((f) => f.outcome), ["updated", "updated"]);
  assert.ok(rerun.files.every((f) => f.warnings.some((w) => /embedding model/.test(w))));
  const hits = await engine.client.call("rag.search", { query: "OSPREY", collection: "switch" });
  assert.equal(hits.mode, "hybrid");
  assert.ok(hits.hits[0]!.file.endsWith("a.md") || hits.hits.some((h) => h.file.endsWith("a.md")));
  assert.equal((await engine.client.call("rag.search", { query: "OSPREY", collection: "switch", mode: "fulltext" })).hits.length, 1);

  await engine.close();
  engine = await startTestEngine({ dataDir });
  await engine.client.call("settings.update", { embeddingModel: models.q4_0 });
  const after = await assertClean("switch", 2);
  assert.notEqual(after, before);
  assert.equal(await rowsInTable(before, "collection = 'switch'"), 0, "the old embedder's table no longer holds these documents");
  const third = await engine.client.call("rag.ingest", { paths: [dir], collection: "switch" });
  assert.deepEqual(third.files.map((f) => f.outcome), ["unchanged", "unchanged"]);
});
