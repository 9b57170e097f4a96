// Ingestion through the real engine process: every format, incremental re-runs, bad input, and
// full-text-only mode. The test models have random weights (vectors are meaningless but
// deterministic), so exact-term assertions use full-text search; hybrid is checked to run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { IngestFileResult } from "../native/contract/rag.ts";
import type { ProgressEvent } from "../native/contract/events.ts";
import { docx, fixtureDir, passwordPdf, pngBytes, threePagePdf } from "./fixtures/documents/documents.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let engine: TestEngine;
let models: TestModels;

before(async () => {
  models = await getTestModels();
  engine = await startTestEngine();
});
after(async () => {
  await engine?.close();
});

function byName(files: IngestFileResult[]): Record<string, IngestFileResult> {
  return Object.fromEntries(files.map((f) => [f.path.split("/").pop()!, f]));
}

function writeFormats(write: (name: string, data: Buffer | string) => string): void {
  write("report.pdf", threePagePdf());
  write("memo.docx", docx([{ style: "Heading1", text: "Quarterly memo" }, { text: "The docx marker word is ZEPPELIN and nothing else." }]));
  write("page.html", "<html><head><title>Page</title></head><body><h1>Intro</h1><p>The html marker word is MARIGOLD.</p></body></html>");
  write("notes.md", "# Notes\n\nThe markdown marker word is PELICAN.\n");
  write("latin.txt", Buffer.from("Caf\u00e9 cr\u00e8me: the latin marker word is QUETZAL, d\u00e9j\u00e0 vu.\n", "latin1"));
  write("table.csv", "name,animal\nalice,WOMBAT\nbob,otter\n");
}

test("full-text only (no embedding model): every format ingests and an exact term is found on its page", { timeout: 120_000 }, async () => {
  const { dir, write } = fixtureDir("enclave-ingest-ft-");
  writeFormats(write);
  const events: ProgressEvent[] = [];
  const run = await engine.client.call("rag.ingest", { paths: [dir], collection: "fulltext" }, { onEvent: (n, p) => n === "progress" && events.push(p as ProgressEvent) });
  assert.equal(run.cancelled, false);
  const files = byName(run.files);
  assert.equal(run.files.length, 6);
  for (const f of run.files) assert.equal(f.outcome, "added", `${f.path}: ${JSON.stringify(f.error)}`);
  assert.equal(files["report.pdf"]!.pages, 3);

  const { hits, mode } = await engine.client.call("rag.search", { query: "charlie", collection: "fulltext" });
  assert.equal(mode, "fulltext");
  assert.ok(hits[0]!.file.endsWith("report.pdf"));
  assert.equal(hits[0]!.pageStart, 3);
  const latin = await engine.client.call("rag.search", { query: "QUETZAL", collection: "fulltext" });
  assert.ok(latin.hits[0]!.file.endsWith("latin.txt"));
  assert.match(latin.hits[0]!.text, /Café crème/);
  await assert.rejects(engine.client.call("rag.search", { query: "x", mode: "vector" }), (e: Error & { code?: string }) => e.code === "INVALID_INPUT");

  // progress: per-file phases, overall fraction, the end
  assert.ok(events.every((e) => e.task === "ingest"));
  const phases = new Set(events.map((e) => e.file?.phase));
  for (const p of ["hashing", "parsing", "chunking", "writing", "done"]) assert.ok(phases.has(p as never), `phase ${p}`);
  assert.equal(events.at(-1)!.current, 6);
  assert.equal(events.at(-1)!.fraction, 1);
  const pdfPages = events.find((e) => e.file?.path.endsWith("report.pdf") && e.file.pagesTotal === 3);
  assert.ok(pdfPages, "page counts for the PDF");
});

test("with an embedding model: every format, incremental re-run (unchanged, updated, removed)", { timeout: 150_000 }, async () => {
  await engine.client.call("settings.update", { embeddingModel: models.q8_0 });
  const { dir, write } = fixtureDir("enclave-ingest-emb-");
  writeFormats(write);
  mkdirSync(join(dir, "sub"));
  write("sub/deep.md", "# Deep\n\nNested folder marker word GIRAFFE.\n");
  write(".hidden.txt", "never indexed HIDDENWORD");
  symlinkSync(dir, join(dir, "sub", "loop")); // a symlink loop: walked once

  const first = await engine.client.call("rag.ingest", { paths: [dir, join(dir, "notes.md")], collection: "docs" });
  assert.equal(first.files.length, 7, JSON.stringify(first.files.map((f) => f.path)));
  for (const f of first.files) assert.equal(f.outcome, "added", `${f.path}: ${JSON.stringify(f.error)}`);

  const ft = await engine.client.call("rag.search", { query: "bravo", collection: "docs", mode: "fulltext" });
  assert.equal(ft.hits[0]!.pageStart, 2);
  const hybrid = await engine.client.call("rag.search", { query: "bravo budget", collection: "docs", k: 20 });
  assert.equal(hybrid.mode, "hybrid");
  assert.ok(hybrid.hits.some((h) => h.file.endsWith("report.pdf") && h.pageStart === 2));
  assert.equal((await engine.client.call("rag.search", { query: "HIDDENWORD", collection: "docs", mode: "fulltext" })).hits.length, 0);

  const { collections } = await engine.client.call("rag.collections", {});
  const docs = collections.find((c) => c.name === "docs")!;
  assert.equal(docs.documents, 7);
  assert.match(docs.embedderId ?? "", /^[0-9a-f]{64}:64$/);

  // change one, delete one, keep the rest
  write("notes.md", "# Notes\n\nThe markdown marker word is now FLAMINGO.\n");
  rmSync(join(dir, "page.html"));
  const second = await engine.client.call("rag.ingest", { paths: [dir], collection: "docs" });
  const files = byName(second.files);
  assert.equal(files["notes.md"]!.outcome, "updated");
  assert.equal(files["page.html"]!.outcome, "removed");
  for (const name of ["report.pdf", "memo.docx", "latin.txt", "table.csv", "deep.md"]) assert.equal(files[name]!.outcome, "unchanged", name);
  assert.equal((await engine.client.call("rag.search", { query: "PELICAN", collection: "docs", mode: "fulltext" })).hits.length, 0);
  assert.equal((await engine.client.call("rag.search", { query: "FLAMINGO", collection: "docs", mode: "fulltext" })).hits.length, 1);
  assert.equal((await engine.client.call("rag.search", { query: "MARIGOLD", collection: "docs", mode: "fulltext" })).hits.length, 0);
  const { documents } = await engine.client.call("rag.documents", { collection: "docs" });
  assert.equal(documents.length, 6);
  assert.ok(documents.every((d) => d.status === "ready" && d.chunks > 0 && d.format !== null));

  // remove one document, then the collection
  const memo = documents.find((d) => d.path.endsWith("memo.docx"))!;
  assert.deepEqual(await engine.client.call("rag.removeDocument", { documentId: memo.id }), { removed: true, chunks: memo.chunks });
  assert.equal((await engine.client.call("rag.removeDocument", { documentId: memo.id })).removed, false);
  const deleted = await engine.client.call("rag.deleteCollection", { collection: "docs" });
  assert.equal(deleted.documents, 5);
  assert.equal((await engine.client.call("rag.documents", { collection: "docs" })).documents.length, 0);
});

test("bad input: each file fails on its own with its own error, the others are ready", { timeout: 120_000 }, async () => {
  const { dir, write } = fixtureDir("enclave-ingest-bad-");
  write("good.txt", "A perfectly good file with the word NARWHAL.");
  write("password.pdf", passwordPdf());
  const pdf = threePagePdf();
  write("truncated.pdf", pdf.subarray(0, Math.floor(pdf.length / 3)));
  write("empty.txt", "");
  write("image.pdf", pngBytes());
  write("big.txt", Buffer.alloc(100 * 1024 * 1024, "lorem ipsum dolor sit amet\n")); // 100 MB of text
  write("bomb.docx", docx([{ text: "boom" }], 3 * 1024 * 1024 * 1024));
  write("archive.bin", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  symlinkSync(join(dir, "nowhere.txt"), join(dir, "dangling.txt"));
  const unreadable = write("secret.txt", "cannot read me");
  chmodSync(unreadable, 0o000);
  const root = process.getuid?.() === 0;

  const run = await engine.client.call("rag.ingest", { paths: [dir], collection: "bad" });
  const files = byName(run.files);
  assert.equal(files["good.txt"]!.outcome, "added");
  for (const name of ["password.pdf", "truncated.pdf", "empty.txt", "image.pdf", "big.txt", "bomb.docx", "archive.bin", "dangling.txt", ...(root ? [] : ["secret.txt"])]) {
    assert.equal(files[name]?.outcome, "failed", `${name}: ${JSON.stringify(files[name])}`);
    assert.ok(files[name]!.error!.message.length > 0);
  }
  assert.equal(files["big.txt"]!.error!.code, "INVALID_INPUT");
  assert.match(files["big.txt"]!.error!.message, /too large/);
  if (!root) assert.equal(files["secret.txt"]!.error!.code, "PERMISSION_DENIED");
  const messages = new Set(run.files.filter((f) => f.outcome === "failed").map((f) => f.error!.message));
  assert.ok(messages.size >= 7, "distinct errors per cause");

  const { documents } = await engine.client.call("rag.documents", { collection: "bad" });
  const status = Object.fromEntries(documents.map((d) => [d.path.split("/").pop()!, d]));
  assert.equal(status["good.txt"]!.status, "ready");
  for (const name of ["password.pdf", "truncated.pdf", "empty.txt", "image.pdf", "big.txt", "bomb.docx", "archive.bin"]) {
    assert.equal(status[name]?.status, "failed", name);
    assert.ok(status[name]!.error);
  }
  assert.equal((await engine.client.call("rag.search", { query: "NARWHAL", collection: "bad", mode: "fulltext" })).hits.length, 1);
  rmSync(dir, { recursive: true, force: true });
});
