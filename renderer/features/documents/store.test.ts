import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import type { CollectionInfo, DocumentInfo } from "../../../native/contract/rag.ts";
import { FakeApi, untilAborted } from "../../testing/fake-api.ts";
import { installApi } from "../../services/api.ts";
import {
  addFiles,
  cancelIngest,
  collectionNameError,
  deleteCollection,
  ingestPaths,
  initialDocumentsState,
  nameCollection,
  refreshCollections,
  reindexCollection,
  removeDocument,
  useDocumentsStore,
} from "./store.ts";

const collection = (name: string, documents = 1): CollectionInfo => ({ name, documents, failed: 0, chunks: documents * 3, embedderId: null });
const doc = (path: string, over: Partial<DocumentInfo> = {}): DocumentInfo => ({
  id: `id-${path}`,
  path,
  sha256: "s",
  sizeBytes: 10,
  mtimeMs: 1,
  collection: "work",
  format: "pdf",
  status: "ready",
  error: null,
  pages: 3,
  ocrPages: 0,
  chunks: 3,
  ingestedAt: null,
  ...over,
});

let fake: FakeApi;
let index: { collections: CollectionInfo[]; documents: DocumentInfo[] };

beforeEach(() => {
  useDocumentsStore.setState(initialDocumentsState(), true);
  index = { collections: [collection("work")], documents: [doc("/d/a.pdf")] };
  fake = new FakeApi()
    .handle("rag.collections", () => ({ collections: index.collections }))
    .handle("rag.documents", ({ collection: c }) => ({ documents: index.documents.filter((d) => d.collection === c) }));
  installApi(fake);
});

test("refresh lists collections and selects the first one's documents", async () => {
  await refreshCollections();
  const s = useDocumentsStore.getState();
  assert.equal(s.listed, true);
  assert.equal(s.selected, "work");
  assert.deepEqual(s.documents.map((d) => d.path), ["/d/a.pdf"]);
});

test("a collection name is checked against the contract before anything is called", () => {
  assert.equal(collectionNameError("Contracts 2026"), null);
  assert.match(collectionNameError("-bad")!, /Collection name/);
  assert.match(nameCollection("")!, /Collection name/);
  assert.equal(useDocumentsStore.getState().selected, null);
  assert.equal(nameCollection("  New one "), null);
  assert.equal(useDocumentsStore.getState().selected, "New one");
});

test("ingest follows its own progress events, then refreshes the lists", async () => {
  nameCollection("fresh");
  const seen: { run: ReturnType<typeof useDocumentsStore.getState>["ingest"] } = { run: null };
  fake.handle("rag.ingest", async (input, { requestId }) => {
    fake.emit("progress", { requestId, task: "ingest", fraction: 0.5, current: 0, total: 1, file: { path: "/up/x.pdf", phase: "parsing", fraction: 0.5, pagesDone: 1, pagesTotal: 2 } });
    fake.emit("progress", { requestId: "someone-else", task: "ingest", fraction: 0.9, file: { path: "/other.pdf", phase: "done", fraction: 1 } });
    seen.run = useDocumentsStore.getState().ingest;
    index.collections.push(collection(input.collection));
    index.documents.push(doc("/up/x.pdf", { collection: input.collection }));
    return { collection: input.collection, cancelled: false, vectorIndexBuilding: false, files: [{ path: "/up/x.pdf", outcome: "added", documentId: "x", pages: 2, ocrPages: 0, chunks: 2, error: null, warnings: [], ms: 5 }] };
  });
  const file = new File(["%PDF-"], "x.pdf");
  await addFiles([file]);
  assert.deepEqual(fake.callsOf("rag.ingest")[0]!.input, { paths: ["/uploads/x.pdf"], collection: "fresh" });
  const run = seen.run;
  assert.ok(run, "progress was tracked while the call ran");
  assert.deepEqual(run.files.map((f) => f.path), ["/up/x.pdf"], "only this call's events");
  assert.equal(run.fraction, 0.5);
  const s = useDocumentsStore.getState();
  assert.equal(s.ingest, null);
  assert.equal(s.last?.files[0]?.outcome, "added");
  assert.equal(s.selected, "fresh");
  assert.deepEqual(s.documents.map((d) => d.path), ["/up/x.pdf"]);
  assert.equal(fake.listenerCount("progress"), 0, "the progress listener is removed");
});

test("cancel sends the ingest's request id; a second ingest meanwhile is refused", async () => {
  await refreshCollections();
  fake.handle("rag.ingest", ({ collection: c }, { signal }) => untilAborted(signal).catch(() => ({ collection: c, files: [], cancelled: true, vectorIndexBuilding: false })));
  const running = ingestPaths(["/d/b.pdf"]);
  await new Promise((r) => setImmediate(r));
  await ingestPaths(["/d/c.pdf"]);
  assert.match(useDocumentsStore.getState().error!, /already being added/);
  const { requestId } = useDocumentsStore.getState().ingest!;
  cancelIngest();
  assert.equal(useDocumentsStore.getState().ingest?.cancelling, true);
  await running;
  assert.deepEqual(fake.cancelled, [requestId]);
  assert.equal(useDocumentsStore.getState().last?.cancelled, true);
  assert.equal(fake.callsOf("rag.ingest").length, 1);
});

test("re-index sends every document of the collection again", async () => {
  index.documents.push(doc("/d/b.md"));
  await refreshCollections();
  fake.handle("rag.ingest", ({ collection: c }) => ({ collection: c, files: [], cancelled: false, vectorIndexBuilding: false }));
  await reindexCollection();
  assert.deepEqual(fake.callsOf("rag.ingest")[0]!.input, { paths: ["/d/a.pdf", "/d/b.md"], collection: "work" });
});

test("remove and delete call the engine and refresh; failures become a sentence", async () => {
  await refreshCollections();
  fake.handle("rag.removeDocument", ({ documentId }) => {
    index.documents = index.documents.filter((d) => d.id !== documentId);
    return { removed: true, chunks: 3 };
  });
  await removeDocument("id-/d/a.pdf");
  assert.deepEqual(useDocumentsStore.getState().documents, []);

  fake.handle("rag.deleteCollection", () => {
    throw { code: "INTERNAL", message: "disk full" };
  });
  await deleteCollection("work");
  assert.equal(useDocumentsStore.getState().error, "disk full");
});
