// The source viewer's engine methods against a real engine: the page a passage was retrieved from
// reads back with that passage in it, a PDF's bytes come back for pdf.js, only indexed documents can
// be read (by id), and a file changed or deleted since it was indexed is refused with a clear error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import type { WireError } from "../native/contract/errors.ts";
import { fixtureDir, OCR_WORD, scannedPdf, threePagePdf } from "./fixtures/documents/documents.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let engine: TestEngine;
let files: { pdf: string; notes: string; gone: string; touched: string; scanned: string };
const ids = new Map<string, string>();

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const refusedWith = (code: string, reason?: string) => (e: WireError) =>
  e.code === code && (reason === undefined || (e.details as { reason?: string } | undefined)?.reason === reason);

before(async () => {
  engine = await startTestEngine();
  const { write } = fixtureDir("enclave-source-");
  files = {
    pdf: write("report.pdf", threePagePdf()),
    notes: write("notes.md", "# Notes\n\nThe lease of unit ZX-4471 ends on 31 March 2027.\n"),
    gone: write("gone.md", "# Gone\n\nThis file is deleted after indexing.\n"),
    touched: write("touched.md", "# Touched\n\nOnly the modification time of this file changes.\n"),
    scanned: write("scanned.pdf", scannedPdf()),
  };
  const run = await engine.client.call("rag.ingest", { paths: Object.values(files), collection: "source" });
  for (const f of run.files) {
    assert.equal(f.outcome, "added", `${f.path}: ${f.error?.message}`);
    ids.set(f.path, f.documentId!);
  }
});
after(async () => engine?.close());

test("the page of a retrieved passage contains that passage, page-exact", async () => {
  const { hits } = await engine.client.call("rag.ask", { question: "What does the charlie budget say?", collection: "source" });
  const hit = hits.find((h) => h.file === files.pdf);
  assert.ok(hit, "a passage from the PDF was retrieved");
  const page = await engine.client.call("rag.sourcePage", { documentId: hit.documentId, page: hit.pageStart });
  assert.equal(page.page, 3);
  assert.equal(page.pageCount, 3);
  assert.equal(page.format, "pdf");
  assert.equal(page.name, "report.pdf");
  assert.equal(page.ocr, false);
  assert.ok(squash(page.text).includes(squash(hit.text)), `page text:\n${page.text}\npassage:\n${hit.text}`);
  assert.match(page.text, /CHARLIE-333/);
  assert.doesNotMatch(page.text, /BRAVO-222/, "only that page's text");

  const first = await engine.client.call("rag.sourcePage", { documentId: hit.documentId, page: 1 });
  assert.match(first.text, /ALPHA-111/);
});

test("a scanned page reads back through OCR, as it was indexed", async () => {
  const page = await engine.client.call("rag.sourcePage", { documentId: ids.get(files.scanned)!, page: 2 });
  assert.equal(page.ocr, true);
  assert.match(page.text, new RegExp(OCR_WORD));
  const first = await engine.client.call("rag.sourcePage", { documentId: ids.get(files.scanned)!, page: 1 });
  assert.equal(first.ocr, false);
  assert.match(first.text, /ordinary first page/);
});

test("a markdown document reads back as its one page", async () => {
  const page = await engine.client.call("rag.sourcePage", { documentId: ids.get(files.notes)!, page: 1 });
  assert.equal(page.format, "markdown");
  assert.equal(page.pageCount, 1);
  assert.match(page.text, /ZX-4471 ends on 31 March 2027/);
});

test("a page past the end is refused with the page count", async () => {
  await assert.rejects(engine.client.call("rag.sourcePage", { documentId: ids.get(files.pdf)!, page: 9 }), (e: WireError) => {
    assert.ok(refusedWith("INVALID_INPUT", "page-out-of-range")(e));
    assert.match(e.message, /3 pages/);
    return true;
  });
});

test("sourceFile returns the PDF's exact bytes; other formats are refused", async () => {
  const file = await engine.client.call("rag.sourceFile", { documentId: ids.get(files.pdf)! });
  assert.equal(file.mime, "application/pdf");
  assert.equal(file.name, "report.pdf");
  assert.deepEqual(Buffer.from(file.dataBase64, "base64"), threePagePdf());
  await assert.rejects(engine.client.call("rag.sourceFile", { documentId: ids.get(files.notes)! }), refusedWith("INVALID_INPUT", "not-pdf"));
});

test("an id that is not in the index is refused; a path is not an id", async () => {
  await assert.rejects(engine.client.call("rag.sourcePage", { documentId: "0".repeat(32), page: 1 }), refusedWith("NOT_FOUND", "not-indexed"));
  await assert.rejects(engine.client.call("rag.sourceFile", { documentId: "/etc/passwd" }), refusedWith("NOT_FOUND", "not-indexed"));
});

test("a file changed since it was indexed is refused with a re-index message", async () => {
  appendFileSync(files.notes, "\nA line added after indexing.\n");
  await assert.rejects(engine.client.call("rag.sourcePage", { documentId: ids.get(files.notes)!, page: 1 }), (e: WireError) => {
    assert.ok(refusedWith("NOT_FOUND", "file-changed")(e));
    assert.match(e.message, /changed since it was indexed — re-index/);
    return true;
  });
  // Same size, different bytes: caught by the content hash, not the size.
  const original = threePagePdf();
  const altered = Buffer.from(original);
  altered.write("%ABCD", 9, "latin1"); // the binary comment on line 2: same size, other bytes
  writeFileSync(files.pdf, altered);
  await assert.rejects(engine.client.call("rag.sourceFile", { documentId: ids.get(files.pdf)! }), refusedWith("NOT_FOUND", "file-changed"));
  writeFileSync(files.pdf, original);
  const back = await engine.client.call("rag.sourcePage", { documentId: ids.get(files.pdf)!, page: 2 });
  assert.match(back.text, /BRAVO-222/, "the original content reads again");
});

test("a touched but unchanged file still reads; a deleted one is NOT_FOUND", async () => {
  const later = new Date(Date.now() + 60_000);
  utimesSync(files.touched, later, later);
  const page = await engine.client.call("rag.sourcePage", { documentId: ids.get(files.touched)!, page: 1 });
  assert.match(page.text, /modification time/);

  rmSync(files.gone);
  await assert.rejects(engine.client.call("rag.sourcePage", { documentId: ids.get(files.gone)!, page: 1 }), (e: WireError) => {
    assert.ok(refusedWith("NOT_FOUND", "file-missing")(e));
    assert.match(e.message, /no longer at/);
    return true;
  });
});
