// The Documents page's collection tools, against a fake engine: search with the matches marked and
// a hit opened in the viewer at its page, Open on a document, removal confirmed then undone (no
// engine call) or committed, "Ask this collection" (handing the collection to the shell, which opens
// the chat: app/ask-collection.test.ts), and the embedding-model hint.
import "../../test-setup.ts";
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { CollectionInfo, DocumentInfo } from "../../../native/contract/rag.ts";
import { DEFAULT_SETTINGS } from "../../../native/contract/settings.ts";
import { FakeApi } from "../../testing/fake-api.ts";
import { installApi } from "../../services/api.ts";
import { initialAppState, useAppStore } from "../../shared/app-store.ts";
import { initialOnboardingState, useOnboardingStore } from "../../shared/onboarding/store.ts";
import { initialSettingsState, useSettingsStore } from "../../shared/settings/store.ts";
import { initialViewerState, useViewerStore } from "../../shared/viewer/store.ts";
import { DocumentsView } from "./DocumentsView.tsx";
import { commitRemoval, initialRemovalState, useRemovalStore } from "./removal.ts";
import { initialSearchState, useCollectionSearch } from "./search/store.ts";
import { initialDocumentsState, useDocumentsStore } from "./store.ts";

let fake: FakeApi;
/** The collections "Ask this collection" handed to the shell. */
let asked: string[];
const documentsView = () => (
  <DocumentsView
    onAsk={async (collection) => {
      asked.push(collection);
    }}
  />
);
let index: { collections: CollectionInfo[]; documents: DocumentInfo[] };

const doc = (id: string, path: string, extra: Partial<DocumentInfo> = {}): DocumentInfo => ({
  id, path, sha256: id, sizeBytes: 10, mtimeMs: 1, collection: "Reports", format: "markdown", status: "ready", error: null, pages: 3, ocrPages: 0, chunks: 4, ingestedAt: null, ...extra,
});

beforeEach(() => {
  for (const [store, initial] of [
    [useDocumentsStore, initialDocumentsState()],
    [useCollectionSearch, initialSearchState()],
    [useViewerStore, initialViewerState()],
    [useSettingsStore, initialSettingsState()],
    [useAppStore, { ...initialAppState }],
    [useRemovalStore, initialRemovalState()],
    [useOnboardingStore, { ...initialOnboardingState(), done: false }],
  ] as const) (store as { setState: (s: unknown, replace: true) => void }).setState(initial, true);
  globalThis.localStorage.clear();
  asked = [];
  index = {
    collections: [{ name: "Reports", documents: 2, failed: 0, chunks: 8, embedderId: null }],
    documents: [doc("d1", "/up/alpha.md"), doc("d2", "/up/beta.md")],
  };
  fake = new FakeApi()
    .handle("shell.capabilities", () => ({ host: "web", fileDialogs: false, uploads: true, openExternal: false }))
    .handle("rag.collections", () => ({ collections: index.collections }))
    .handle("rag.documents", ({ collection }) => ({ documents: index.documents.filter((d) => d.collection === collection) }))
    .handle("settings.get", () => ({ settings: DEFAULT_SETTINGS, locked: [] }))
    .handle("engine.info", () => ({ version: "0.1.0", pid: 1, node: "20", platform: "linux", arch: "x64", cpus: 2, dataDir: "/d", uptimeMs: 5, gpu: false }))
    .handle("rag.sourcePage", ({ documentId, page }) => ({ documentId, path: "/up/beta.md", name: "beta.md", format: "markdown", page, pageCount: 3, text: "The wombat count rose.", ocr: false }))
    .handle("rag.removeDocument", ({ documentId }) => {
      index.documents = index.documents.filter((d) => d.id !== documentId);
      return { removed: true, chunks: 4 };
    });
  installApi(fake);
});
afterEach(cleanup);

test("search marks the matched words and opens a hit in the viewer at its page", async () => {
  fake.handle("rag.search", () => ({
    mode: "fulltext",
    hits: [{ chunkId: "c1", documentId: "d2", file: "/up/beta.md", pageStart: 2, pageEnd: 2, page: 2, charStart: 0, charEnd: 22, headingPath: [], text: "The wombat count rose.", score: 1, highlights: [{ start: 4, end: 10 }] }],
  }));
  render(documentsView());
  const box = await screen.findByRole("searchbox", { name: "Search in Reports" });
  fireEvent.change(box, { target: { value: "  wombat " } });
  fireEvent.click(screen.getByRole("button", { name: "Search" }));
  const results = await screen.findByRole("list", { name: "Search results" });
  assert.deepEqual(fake.callsOf("rag.search")[0]!.input, { query: "wombat", collection: "Reports", k: 20 });
  assert.deepEqual([...results.querySelectorAll("mark")].map((m) => m.textContent), ["wombat"]);
  assert.match(screen.getByRole("status", { name: "" }).textContent ?? "", /1 passage matches “wombat”\. Matched by words/);

  fireEvent.click(within(results).getByRole("button", { name: "Open beta.md at page 2" }));
  await waitFor(() => assert.equal(useViewerStore.getState().text?.page, 2));
  assert.deepEqual(fake.callsOf("rag.sourcePage")[0]!.input, { documentId: "d2", page: 2 });
  assert.equal(useViewerStore.getState().target?.passage, "The wombat count rose.", "the passage is highlighted there");
});

test("a search with no match says so; Open shows a document's first page", async () => {
  fake.handle("rag.search", () => ({ mode: "fulltext", hits: [] }));
  render(documentsView());
  fireEvent.change(await screen.findByRole("searchbox", { name: "Search in Reports" }), { target: { value: "platypus" } });
  fireEvent.click(screen.getByRole("button", { name: "Search" }));
  await screen.findByText(/Nothing in “Reports” matches “platypus”\./);

  fireEvent.click(screen.getByRole("button", { name: "Open alpha.md" }));
  await waitFor(() => assert.equal(useViewerStore.getState().open, true));
  assert.deepEqual(fake.callsOf("rag.sourcePage")[0]!.input, { documentId: "d1", page: 1 });
});

test("remove asks first; Undo keeps the document without asking the engine", async () => {
  render(documentsView());
  fireEvent.click(await screen.findByRole("button", { name: "Remove alpha.md from the index" }));
  const dialog = screen.getByRole("dialog", { name: "Remove “alpha.md”?" });
  assert.match(dialog.textContent!, /Its 4 passages leave “Reports”.*Your file is not touched, and you can undo/);
  fireEvent.click(within(dialog).getByRole("button", { name: "Remove" }));

  await waitFor(() => assert.equal(screen.queryByRole("rowheader", { name: /^alpha\.md/ }), null, "hidden at once"));
  const bar = screen.getByRole("status", { name: "Removal" });
  assert.match(bar.textContent!, /Removed “alpha\.md” from “Reports”/);
  fireEvent.click(within(bar).getByRole("button", { name: "Undo" }));
  await screen.findByRole("rowheader", { name: /^alpha\.md/ });
  await commitRemoval(); // what the timer would do: nothing is pending any more
  assert.equal(fake.callsOf("rag.removeDocument").length, 0, "the engine was never asked");
});

test("a removal not undone reaches the engine, and a cancelled confirmation removes nothing", async () => {
  render(documentsView());
  fireEvent.click(await screen.findByRole("button", { name: "Remove beta.md from the index" }));
  fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
  assert.equal(useRemovalStore.getState().pending, null);

  let answer!: () => void;
  fake.handle("rag.removeDocument", async ({ documentId }) => {
    await new Promise<void>((r) => (answer = r));
    index.documents = index.documents.filter((d) => d.id !== documentId);
    return { removed: true, chunks: 4 };
  });
  fireEvent.click(screen.getByRole("button", { name: "Remove beta.md from the index" }));
  fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Remove" }));
  const committed = commitRemoval();
  await waitFor(() => assert.equal(fake.callsOf("rag.removeDocument").length, 1));
  assert.equal(screen.queryByRole("rowheader", { name: /^beta\.md/ }), null, "still hidden while the engine removes it (no flash back)");
  answer();
  await committed;
  assert.equal(screen.queryByRole("rowheader", { name: /^beta\.md/ }), null);
  assert.deepEqual(fake.callsOf("rag.removeDocument").map((c) => c.input), [{ documentId: "d2" }]);
  await waitFor(() => assert.deepEqual(useDocumentsStore.getState().documents.map((d) => d.id), ["d1"]));
});

test("Ask this collection hands the collection to the shell", async () => {
  render(documentsView());
  fireEvent.click(await screen.findByRole("button", { name: "Ask this collection" }));
  await waitFor(() => assert.deepEqual(asked, ["Reports"]));
});

test("the embedding hint explains what one adds, offers the catalog's, and Not now hides it for good", async () => {
  const { unmount } = render(documentsView());
  const hint = await screen.findByRole("complementary", { name: "Search by meaning, not only by words" });
  assert.match(hint.textContent!, /finds passages that say the same thing in other words/);
  fireEvent.click(within(hint).getByRole("button", { name: "Get BGE Small EN v1.5 (embeddings)…" }));
  within(hint).getByRole("heading", { name: /BGE Small/ });
  within(hint).getByRole("button", { name: /^Download/ });
  fireEvent.click(within(hint).getByRole("button", { name: "Not now" }));
  assert.equal(screen.queryByRole("complementary", { name: /Search by meaning/ }), null);
  unmount();
  render(documentsView());
  await screen.findByRole("rowheader", { name: /^alpha\.md/ });
  assert.equal(screen.queryByRole("complementary", { name: /Search by meaning/ }), null, "remembered");
});

test("with an embedding model chosen there is no hint", async () => {
  fake.handle("settings.get", () => ({ settings: { ...DEFAULT_SETTINGS, embeddingModel: "bge" }, locked: [] }));
  render(documentsView());
  await screen.findByRole("rowheader", { name: /^alpha\.md/ });
  await waitFor(() => assert.ok(useSettingsStore.getState().settings));
  assert.equal(screen.queryByRole("complementary", { name: /Search by meaning/ }), null);
});
