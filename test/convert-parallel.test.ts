// Parallel conversion (Converters: a pool of PDF workers, one PDF split across several) gives the
// same document and the same indexed passages as one worker reading it alone; a cancel stops every
// worker of the split; the pool is bounded by cores and by free memory; the sniff result ingestion
// passes on is the one used. Real worker threads, real pdf.js, real LanceDB.
// A real PDF (not generated) is used when the evaluation corpus is there
// (`node --import tsx scripts/eval-corpus.ts`, or ENCLAVE_TEST_REAL_PDF=<file>); otherwise that case is skipped.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEngineError } from "../native/contract/errors.ts";
import { Converters, inspectFile, type ConvertedDocument } from "../native/rag/convert/index.ts";
import { RagStore } from "../native/rag/index/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";
import { DEFAULT_CORPUS_DIR } from "../scripts/eval-corpus.ts";
import { fixtureDir, manyPagePdf, twoColumnPdf } from "./fixtures/documents/documents.ts";

const GiB = 1024 ** 3;
const files = fixtureDir("enclave-convert-parallel-");
const alone = new Converters({ maxWorkers: 1 });
const parallel = new Converters({ maxWorkers: 3, freeMemory: () => 64 * GiB, minBytesPerPdfShard: 8 * 1024 });
after(() => Promise.all([alone.dispose(), parallel.dispose()]));

const realPdf = [process.env.ENCLAVE_TEST_REAL_PDF, join(DEFAULT_CORPUS_DIR, "docs", "gzt-fr.pdf")].find((p): p is string => !!p && existsSync(p));

async function sameBothWays(path: string): Promise<ConvertedDocument> {
  const { size } = await inspectFile(path);
  assert.ok(parallel.pdfShards(size) >= 2, `split across ${parallel.pdfShards(size)} workers (${size} bytes)`);
  assert.equal(alone.pdfShards(size), 1);
  const one = await alone.convertFile(path, { ocr: false });
  const pagesSeen = new Set<number>();
  const split = await parallel.convertFile(path, { ocr: false, onProgress: (p) => p.page && pagesSeen.add(p.page.number) });
  assert.deepEqual(split, one, "same pages, blocks, title and warnings");
  assert.equal(pagesSeen.size, one.pages.length, "progress for every page");
  assert.ok(parallel.pdfWorkers >= 2, `${parallel.pdfWorkers} PDF workers ran`);
  return one;
}

test("a multi-page PDF split across workers converts exactly as one worker converts it", { timeout: 120_000 }, async () => {
  const doc = await sameBothWays(files.write("manual.pdf", manyPagePdf(80)));
  assert.equal(doc.pages.length, 80);
  assert.match(doc.pages[79]!.text, /^Page 80 line 1:/);
  const small = files.write("columns.pdf", twoColumnPdf());
  assert.deepEqual(await parallel.convertFile(small), await alone.convertFile(small));
});

test("a real PDF split across workers converts exactly as one worker converts it", { timeout: 180_000, skip: realPdf ? false : "no real PDF here (build the eval corpus or set ENCLAVE_TEST_REAL_PDF)" }, async () => {
  const doc = await sameBothWays(realPdf!);
  assert.ok(doc.pages.length > 5);
});

test("ingestion through parallel converters indexes the same passages on the same pages", { timeout: 120_000 }, async () => {
  const { dir, write } = fixtureDir("enclave-convert-parallel-docs-");
  write("manual.pdf", manyPagePdf(60));
  const passages = async (converters: Converters) => {
    const dataDir = await mkdtemp(join(tmpdir(), "enclave-convert-parallel-index-"));
    const store = await RagStore.open(dataDir, { embedder: null });
    try {
      const run = await ingestPaths({ store, embedder: null, converters }, [dir], "c", { ocr: false });
      assert.equal(run.files[0]!.outcome, "added");
      const rows = await store.chunks.query().select(["chunkIndex", "text", "pageStart", "pageEnd", "charStart", "charEnd"]).toArray();
      return rows
        .map((r) => ({ chunkIndex: Number(r.chunkIndex), text: String(r.text), pageStart: Number(r.pageStart), pageEnd: Number(r.pageEnd), charStart: Number(r.charStart), charEnd: Number(r.charEnd) }))
        .sort((a, b) => a.chunkIndex - b.chunkIndex);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  const one = await passages(alone);
  assert.ok(one.length >= 60);
  assert.deepEqual(await passages(parallel), one);
  await rm(dir, { recursive: true, force: true });
});

test("cancel during a split PDF stops every worker of it; the next conversion works", { timeout: 120_000 }, async () => {
  const path = files.write("long.pdf", manyPagePdf(150));
  const controller = new AbortController();
  await assert.rejects(
    parallel.convertFile(path, { signal: controller.signal, onProgress: (p) => p.done === 4 && controller.abort() }),
    (err) => isEngineError(err, "ABORTED"),
  );
  assert.equal(parallel.slots.busy, 0, "every worker of the split gave its slot back");
  const again = await parallel.convertFile(files.write("after.pdf", manyPagePdf(12)));
  assert.equal(again.pages.length, 12);
});

test("short of memory, a PDF is read by one worker", async () => {
  const starved = new Converters({ maxWorkers: 4, freeMemory: () => 0 });
  try {
    assert.equal(starved.pdfShards(50 * 1024 * 1024), 1);
    assert.equal(starved.slots.allowed, 1);
  } finally {
    await starved.dispose();
  }
});

test("the sniff result handed over is the one used: nothing is sniffed again", async () => {
  const path = files.write("real.pdf", manyPagePdf(2));
  const refused = { supported: false as const, kind: "a test's stand-in", reason: "This is a test's stand-in." };
  await assert.rejects(alone.convertInspected(path, { size: 10, sniffed: refused }), (err) => isEngineError(err) && err.details?.reason === "unsupported-format");
  const asText = await alone.convertInspected(path, { size: 10, sniffed: { supported: true, format: "text" } });
  assert.equal(asText.format, "text", "converted as the given format, not as the PDF its bytes are");
});

test("a disposed Converters refuses new work", async () => {
  const closed = new Converters();
  await closed.dispose();
  await assert.rejects(closed.convertFile(files.write("late.pdf", manyPagePdf(1))), (err) => isEngineError(err, "ENGINE_UNAVAILABLE"));
});
