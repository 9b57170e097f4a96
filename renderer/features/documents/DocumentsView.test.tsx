import "../../test-setup.ts";
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { CollectionInfo, DocumentInfo } from "../../../native/contract/rag.ts";
import type { ResolveFilesOptions } from "../../../native/contract/api.ts";
import { FakeApi } from "../../testing/fake-api.ts";
import { installApi } from "../../services/api.ts";
import { DocumentsView } from "./DocumentsView.tsx";
import { initialDocumentsState, useDocumentsStore } from "./store.ts";

let fake: FakeApi;
let index: { collections: CollectionInfo[]; documents: DocumentInfo[] };
const webHost = { host: "web" as const, fileDialogs: false, uploads: true, openExternal: false };

function drop(target: Element, files: File[], type: "dragEnter" | "drop") {
  const dataTransfer = { files, types: ["Files"], dropEffect: "none" };
  fireEvent[type](target, { dataTransfer });
}

beforeEach(() => {
  useDocumentsStore.setState(initialDocumentsState(), true);
  index = { collections: [], documents: [] };
  fake = new FakeApi()
    .handle("shell.capabilities", () => webHost)
    .handle("rag.collections", () => ({ collections: index.collections }))
    .handle("rag.documents", ({ collection }) => ({ documents: index.documents.filter((d) => d.collection === collection) }));
  installApi(fake);
});
afterEach(cleanup);

/** "Ask this collection" is the shell's (DocumentsPage.test.tsx checks the button hands it over). */
const noAsk = () => Promise.resolve();

test("with no collections the view says what to do", async () => {
  render(<DocumentsView onAsk={noAsk} />);
  await screen.findByRole("heading", { name: "No documents yet" });
  assert.match(document.body.textContent!, /Name a collection on the left/);
});

test("files dropped before a collection exists wait for its name, then ingest with per-file progress", async () => {
  let finish!: () => void;
  fake.handle("rag.ingest", async ({ collection }, { requestId }) => {
    fake.emit("progress", { requestId, task: "ingest", fraction: 0.25, current: 0, total: 2, etaMs: 12_000, file: { path: "/uploads/a.pdf", phase: "ocr", fraction: 0.3, pagesDone: 3, pagesTotal: 10, ocrPages: 2 } });
    fake.emit("progress", { requestId, task: "ingest", fraction: 0.4, current: 0, total: 2, etaMs: 9000, file: { path: "/uploads/b.md", phase: "embedding", fraction: 0.7, chunksEmbedded: 6, chunksTotal: 8 } });
    await new Promise<void>((r) => (finish = r));
    index.collections = [{ name: collection, documents: 2, failed: 1, chunks: 8, embedderId: null }];
    index.documents = [
      { id: "a", path: "/uploads/a.pdf", sha256: "", sizeBytes: 1, mtimeMs: 1, collection, format: "pdf", status: "ready", error: null, pages: 10, ocrPages: 2, chunks: 8, ingestedAt: null, warnings: ["Page 7 has no text layer and OCR was off."] },
      { id: "b", path: "/uploads/b.md", sha256: "", sizeBytes: 1, mtimeMs: 1, collection, format: null, status: "failed", error: "This file is empty (0 bytes).", pages: 0, ocrPages: 0, chunks: 0, ingestedAt: null },
    ];
    return {
      collection,
      cancelled: false, vectorIndexBuilding: false,
      files: [
        { path: "/uploads/a.pdf", outcome: "added", documentId: "a", pages: 10, ocrPages: 2, chunks: 8, error: null, warnings: [], ms: 1 },
        { path: "/uploads/b.md", outcome: "failed", documentId: "b", pages: 0, ocrPages: 0, chunks: 0, error: { code: "INVALID_INPUT", message: "This file is empty (0 bytes)." }, warnings: [], ms: 1 },
      ],
    };
  });
  const { container } = render(<DocumentsView onAsk={noAsk} />);
  await screen.findByRole("heading", { name: "No documents yet" });
  const view = container.firstElementChild!;

  drop(view, [new File(["x"], "a.pdf"), new File([""], "b.md")], "dragEnter");
  assert.ok(view.classList.contains("dropping"), "the drop target is highlighted");
  drop(view, [new File(["x"], "a.pdf"), new File([""], "b.md")], "drop");
  assert.ok(!view.classList.contains("dropping"));
  await screen.findByRole("heading", { name: "Name a collection for your files" });

  fireEvent.change(screen.getByLabelText(/Name a collection for the 2 files/), { target: { value: "Reports" } });
  fireEvent.click(screen.getByRole("button", { name: "Create and add" }));

  const panel = await waitFor(() => {
    const el = container.querySelector("section.ingest-panel");
    assert.ok(el?.getAttribute("aria-label") === "Adding documents to Reports", "the progress panel is shown");
    return el;
  });
  await waitFor(() => assert.match(panel.textContent!, /Embedding · 6 of 8 passages embedded/));
  assert.match(panel.textContent!, /0 of 2 files · about 9 s left/);
  assert.match(panel.textContent!, /Recognising text \(OCR\) · page 3 of 10 · 2 OCR pages/);
  const bars = [...panel.querySelectorAll("[role=progressbar]")];
  assert.deepEqual(bars.map((b) => [b.getAttribute("aria-label"), b.getAttribute("aria-valuenow")]), [
    ["Overall progress", "40"],
    ["a.pdf progress", "30"],
    ["b.md progress", "70"],
  ]);
  assert.deepEqual(fake.callsOf("rag.ingest")[0]!.input, { paths: ["/uploads/a.pdf", "/uploads/b.md"], collection: "Reports" });

  finish();
  const summary = await waitFor(() => {
    // assert.ok with a message: a failing assert.equal on a DOM node formats the whole node (seconds).
    assert.ok(!container.querySelector("section.ingest-panel"), "the progress panel is gone");
    const el = container.querySelector("section.ingest-summary[role=status]");
    assert.ok(el, "the summary is shown");
    return el;
  });
  assert.match(summary.textContent!, /1 added, 1 failed/);
  assert.match(summary.textContent!, /b\.md: This file is empty/);
  const row = [...container.querySelectorAll("tr.doc-row")].find((r) => r.textContent!.includes("b.md"))!;
  assert.match(row.textContent!, /Failed/);
  assert.match(row.textContent!, /This file is empty/);
  const ready = [...container.querySelectorAll("tr.doc-row")].find((r) => r.textContent!.includes("a.pdf"))!;
  assert.match(ready.querySelector("details.doc-warnings")!.textContent!, /1 warning\s*Page 7 has no text layer and OCR was off\./, "a document's warnings stay visible in its row");
  assert.match(container.querySelector(".collection[aria-current='true']")!.textContent!, /Reports\s*2 documents · 1 failed/);
});

test("in the web host, dropped files show their upload before any ingest; Cancel stops it and ingests nothing", async () => {
  index.collections = [{ name: "Leases", documents: 0, failed: 0, chunks: 0, embedderId: null }];
  fake.handle("rag.ingest", () => assert.fail("a cancelled upload must not be ingested"));
  let aborted = false;
  fake.resolveFiles = (_files: File[], options?: ResolveFilesOptions) =>
    new Promise<string[]>((_, reject) => {
      options?.onProgress?.({ fileName: "deed.pdf", fileIndex: 1, fileCount: 2, bytesSent: 1_500_000, bytesTotal: 3_000_000 });
      options?.signal?.addEventListener("abort", () => {
        aborted = true;
        reject({ code: "ABORTED", message: 'Upload of "deed.pdf" cancelled.' });
      });
    });
  const { container } = render(<DocumentsView onAsk={noAsk} />);
  await screen.findByRole("heading", { name: "“Leases” has no documents" });
  drop(container.firstElementChild!, [new File(["x"], "lease.pdf"), new File(["y"], "deed.pdf")], "drop");

  const panel = await screen.findByRole("region", { name: "Uploading files" });
  assert.match(panel.textContent!, /Uploading “deed\.pdf” \(2 of 2\)/);
  assert.match(panel.textContent!, /1\.5 MB of 3\.0 MB/);
  assert.equal(within(panel).getByRole("progressbar", { name: "Upload progress" }).getAttribute("aria-valuenow"), "50");
  assert.ok((screen.getByRole("button", { name: "Add files" }) as HTMLButtonElement).disabled, "no second add while uploading");

  fireEvent.click(within(panel).getByRole("button", { name: "Cancel upload" }));
  await waitFor(() => assert.ok(!screen.queryByRole("region", { name: "Uploading files" }), "the upload panel is gone"));
  assert.ok(aborted, "the upload's signal was aborted");
  assert.equal(screen.queryByRole("alert"), null, "a cancel is not reported as an error");
  assert.equal(fake.callsOf("rag.ingest").length, 0);
  await screen.findByRole("heading", { name: "“Leases” has no documents" });
});

test("a failed upload says why and ingests nothing", async () => {
  index.collections = [{ name: "Leases", documents: 0, failed: 0, chunks: 0, embedderId: null }];
  fake.resolveFiles = () => Promise.reject({ code: "INVALID_INPUT", message: "File is larger than the upload limit of 2 GiB." });
  const { container } = render(<DocumentsView onAsk={noAsk} />);
  await screen.findByRole("heading", { name: "“Leases” has no documents" });
  drop(container.firstElementChild!, [new File(["x"], "huge.iso")], "drop");
  assert.match((await screen.findByRole("alert")).textContent!, /larger than the upload limit/);
  assert.equal(fake.callsOf("rag.ingest").length, 0);
});

test("deleting a collection asks first and says the files stay", async () => {
  index.collections = [{ name: "Old", documents: 1, failed: 0, chunks: 4, embedderId: null }];
  fake.handle("rag.deleteCollection", () => {
    index.collections = [];
    return { documents: 1, chunks: 4 };
  });
  render(<DocumentsView onAsk={noAsk} />);
  fireEvent.click(await screen.findByRole("button", { name: "Delete collection" }));
  const dialog = screen.getByRole("dialog", { name: "Delete “Old”?" });
  assert.match(dialog.textContent!, /Your files are not touched/);
  assert.equal(fake.callsOf("rag.deleteCollection").length, 0);
  fireEvent.click(within(dialog).getByRole("button", { name: "Delete collection" }));
  await screen.findByRole("heading", { name: "No documents yet" });
  assert.deepEqual(fake.callsOf("rag.deleteCollection")[0]!.input, { collection: "Old" });
});

test("an invalid collection name is explained at the field", async () => {
  render(<DocumentsView onAsk={noAsk} />);
  await screen.findByRole("heading", { name: "No documents yet" });
  fireEvent.change(screen.getByLabelText("New collection"), { target: { value: "#bad" } });
  fireEvent.click(screen.getByRole("button", { name: "Create" }));
  assert.match(screen.getByText(/Collection name:/).textContent!, /starting with a letter or digit/);
});

test("in Electron, Add folder opens the native dialog and ingests the picked folder; a cancelled dialog adds nothing", async () => {
  index.collections = [{ name: "Work", documents: 0, failed: 0, chunks: 0, embedderId: null }];
  const picks = [["/home/me/Reports"], []];
  fake
    .handle("shell.capabilities", () => ({ ...webHost, host: "electron", fileDialogs: true, uploads: false }))
    .handle("shell.pickPaths", () => ({ paths: picks.shift()! }))
    .handle("rag.ingest", ({ collection }) => ({ collection, files: [], cancelled: false, vectorIndexBuilding: false }));
  render(<DocumentsView onAsk={noAsk} />);
  await waitFor(() => assert.ok(useDocumentsStore.getState().host?.fileDialogs, "capabilities loaded"));
  fireEvent.click(await screen.findByRole("button", { name: "Add folder" }));
  await waitFor(() => assert.ok(fake.callsOf("rag.ingest").length === 1, "ingest called"));
  assert.deepEqual(fake.callsOf("shell.pickPaths")[0]!.input, { purpose: "folder", multiple: true });
  assert.deepEqual(fake.callsOf("rag.ingest")[0]!.input, { paths: ["/home/me/Reports"], collection: "Work" });
  assert.equal(document.querySelector("input[type=file]"), null, "no browser file inputs in Electron");

  fireEvent.click(screen.getByRole("button", { name: "Add files" }));
  await waitFor(() => assert.ok(fake.callsOf("shell.pickPaths").length === 2, "dialog opened again"));
  assert.equal(fake.callsOf("rag.ingest").length, 1, "nothing ingested after a cancelled dialog");
  assert.equal(useDocumentsStore.getState().error, null);
});
