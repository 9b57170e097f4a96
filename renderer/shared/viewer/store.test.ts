import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import type { Citation } from "../../../native/contract/citations.ts";
import type { SourcePage } from "../../../native/contract/rag.ts";
import { FakeApi } from "../../testing/fake-api.ts";
import { installApi } from "../../services/api.ts";
import { closeViewer, fallBackToText, showPageText, showPdfPage, goToPage, initialViewerState, nextPage, openCitation, pageHasPassage, prevPage, setPageCount, useViewerStore, zoomIn, zoomOut, setZoom } from "./store.ts";

const citation = (over: Partial<Citation> = {}): Citation => ({
  n: 1,
  documentId: "doc1",
  file: "/docs/notes.md",
  page: 2,
  pageEnd: 2,
  text: "the cited passage",
  score: 1,
  quotes: [],
  verified: true,
  ...over,
});
const page = (n: number, over: Partial<SourcePage> = {}): SourcePage => ({ documentId: "doc1", path: "/docs/notes.md", name: "notes.md", format: "markdown", page: n, pageCount: 3, text: `text of page ${n}`, ocr: false, ...over });

let fake: FakeApi;
beforeEach(() => {
  useViewerStore.setState(initialViewerState(), true);
  fake = new FakeApi().handle("rag.sourcePage", ({ page: n }) => page(n));
  installApi(fake);
});

test("a non-PDF citation opens the page text at the cited page", async () => {
  await openCitation(citation());
  const s = useViewerStore.getState();
  assert.equal(s.open, true);
  assert.equal(s.mode, "text");
  assert.equal(s.page, 2);
  assert.equal(s.pageCount, 3);
  assert.equal(s.text?.text, "text of page 2");
  assert.equal(fake.callsOf("rag.sourceFile").length, 0);
});

test("pages move within bounds and each loads its text", async () => {
  await openCitation(citation());
  await nextPage();
  assert.equal(useViewerStore.getState().text?.text, "text of page 3");
  await nextPage();
  assert.equal(useViewerStore.getState().page, 3, "not past the last page");
  await goToPage(1);
  await prevPage();
  assert.equal(useViewerStore.getState().page, 1);
  assert.deepEqual(fake.callsOf("rag.sourcePage").map((c) => (c.input as { page: number }).page), [2, 3, 1]);
  assert.equal(pageHasPassage(useViewerStore.getState()), false);
});

test("a PDF citation loads the file's bytes for pdf.js", async () => {
  fake.handle("rag.sourceFile", () => ({ documentId: "doc1", name: "r.pdf", mime: "application/pdf", sizeBytes: 5, dataBase64: Buffer.from("%PDF-").toString("base64") }));
  await openCitation(citation({ file: "/docs/r.pdf", page: 3, pageEnd: 3 }));
  const s = useViewerStore.getState();
  assert.equal(s.mode, "pdf");
  assert.equal(new TextDecoder().decode(s.pdfData!), "%PDF-");
  assert.equal(fake.callsOf("rag.sourcePage").length, 0);
  setPageCount(5);
  await goToPage(4);
  assert.equal(useViewerStore.getState().page, 4, "PDF pages turn without an engine call");
  assert.equal(fake.callsOf("rag.sourcePage").length, 0);
  await showPageText();
  assert.equal(useViewerStore.getState().mode, "text");
  assert.equal(useViewerStore.getState().text?.text, "text of page 4", "the text of the page being shown");
  showPdfPage();
  assert.equal(useViewerStore.getState().mode, "pdf");
  await fallBackToText("bad font");
  assert.equal(useViewerStore.getState().mode, "text");
  assert.match(useViewerStore.getState().notice!, /bad font/);
});

test("a PDF too large to send falls back to its page text with the reason shown", async () => {
  fake.handle("rag.sourceFile", () => {
    throw { code: "INVALID_INPUT", message: "r.pdf is too large to show as a PDF", details: { reason: "too-large" } };
  });
  await openCitation(citation({ file: "/docs/r.pdf" }));
  const s = useViewerStore.getState();
  assert.equal(s.mode, "text");
  assert.match(s.notice!, /too large/);
  assert.equal(s.text?.text, "text of page 2");
});

test("a changed file shows the engine's error and loads nothing else", async () => {
  fake.handle("rag.sourceFile", () => {
    throw { code: "NOT_FOUND", message: "r.pdf changed since it was indexed — re-index it to view its pages.", details: { reason: "file-changed" } };
  });
  await openCitation(citation({ file: "/docs/r.pdf" }));
  assert.match(useViewerStore.getState().error!, /re-index/);
  assert.equal(fake.callsOf("rag.sourcePage").length, 0);
});

test("a slow answer for a closed viewer is dropped", async () => {
  let release!: () => void;
  fake.handle("rag.sourcePage", async ({ page: n }) => {
    await new Promise<void>((r) => (release = r));
    return page(n);
  });
  const opening = openCitation(citation());
  await new Promise((r) => setImmediate(r));
  closeViewer();
  release();
  await opening;
  assert.equal(useViewerStore.getState().open, false);
  assert.equal(useViewerStore.getState().text, null);
});

test("zoom stays between 50% and 300%", () => {
  setZoom(2.9);
  zoomIn();
  assert.equal(useViewerStore.getState().zoom, 3);
  setZoom(0.6);
  zoomOut();
  assert.equal(useViewerStore.getState().zoom, 0.5);
});
