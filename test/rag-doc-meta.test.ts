// Each document's ingest record (embedder, format, OCR pages, warnings, chunker) lives in its
// documents row since RAG schema 3, written with the generation flip; an index of schema 2 is
// upgraded and its old sidecar, ingest-meta.json, imported once. Real LanceDB, real engine, real files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { Schema } from "apache-arrow";
import { createEngine } from "../native/engine/create-engine.ts";
import { chunksSchema, documentMetaFields, documentsSchema, META_FILE, RagStore, SCHEMA_VERSION, type DocumentInput, type DocumentMeta } from "../native/rag/index/index.ts";
import { searchColumnsOf } from "../native/rag/index/search-columns.ts";
import { importLegacyMeta, ingestPaths, LEGACY_META_FILE } from "../native/rag/ingest/index.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { CHUNKER_VERSION, type Chunk } from "../native/rag/chunk/index.ts";

const exists = (path: string) => stat(path).then(() => true, () => false);

function doc(id: string): DocumentInput {
  return { id, path: `/docs/${id}.pdf`, sha256: "f".repeat(64), size: 100, mtime: 1_700_000_000_000, collection: "c", pages: 1 };
}
function chunk(text: string): Chunk {
  return { index: 0, text, tokens: 3, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: text.length, headingPath: [] };
}
const metaOf = (format: string, over: Partial<DocumentMeta> = {}): DocumentMeta => ({ embedderId: null, format, ocrPages: 0, warnings: [], chunker: CHUNKER_VERSION, ...over });

function sidecar(entries: Record<string, unknown>): string {
  return JSON.stringify({ format: "enclave-ingest-meta", entries });
}

async function withStore(fn: (store: RagStore, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "enclave-doc-meta-"));
  const store = await RagStore.open(dir, { embedder: null });
  try {
    await fn(store, dir);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A schema-2 index as Enclave wrote it before: no record columns on `documents`, marker at 2. */
async function writeSchema2Index(dir: string, docs: { id: string; version: number }[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const db = await connect(dir);
  const record = new Set(documentMetaFields().map((f) => f.name));
  const v2 = new Schema(documentsSchema().fields.filter((f) => !record.has(f.name)), new Map([["enclave.rag.schemaVersion", "2"]]));
  const documents = await db.createEmptyTable("documents", v2);
  await documents.add(docs.map((d) => ({ ...doc(d.id), size: 100n, status: "ready", error: null, ingestedAt: 1, version: d.version })));
  const chunks = await db.createEmptyTable("chunks_fulltext", chunksSchema(null));
  const text = "Quarterly ledger balances.";
  await chunks.add(docs.map((d) => ({ id: `${d.id}#${d.version}#0`, documentId: d.id, docVersion: d.version, chunkIndex: 0, collection: "c", text, ...searchColumnsOf(text), pageStart: 1, pageEnd: 1, charStart: 0, charEnd: text.length, headingPath: [], embedderId: null })));
  db.close();
  await writeFile(join(dir, META_FILE), JSON.stringify({ format: "enclave-rag", schemaVersion: 2 }));
}

test("a schema-2 index opened by this engine: upgraded, its sidecar imported once and kept as .imported", { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-doc-meta-engine-"));
  const ragDir = join(dataDir, "rag");
  await writeSchema2Index(ragDir, [{ id: "a", version: 1 }, { id: "b", version: 2 }]);
  const old = sidecar({
    a: { version: 1, embedderId: null, format: "pdf", ocrPages: 2, warnings: ["Page 2 was scanned."], chunker: CHUNKER_VERSION },
    b: { version: 1, embedderId: null, format: "docx", ocrPages: 0, warnings: [] }, // an older generation than b's row shows
    gone: { version: 1, embedderId: null, format: "pdf", ocrPages: 0, warnings: [] },
    broken: { version: "one" },
  });
  await writeFile(join(ragDir, LEGACY_META_FILE), old);
  const list = async () => {
    const engine = await createEngine({ dataDir, gpu: false, guardNetwork: false });
    try {
      const out = await engine.router.dispatch("1", "rag.documents", {}, () => undefined);
      assert.ok(out.ok, JSON.stringify(out));
      return (out as { output: { documents: { id: string; format: string | null; ocrPages: number; warnings: string[]; chunks: number }[] } }).output.documents;
    } finally {
      await engine.dispose();
    }
  };
  try {
    const first = await list();
    assert.deepEqual(first.map((d) => [d.id, d.format, d.ocrPages, d.warnings, d.chunks]), [
      ["a", "pdf", 2, ["Page 2 was scanned."], 1],
      ["b", null, 0, [], 1],
    ]);
    assert.equal(await exists(join(ragDir, LEGACY_META_FILE)), false, "the sidecar is not read again");
    assert.equal(await readFile(join(ragDir, `${LEGACY_META_FILE}.imported`), "utf8"), old, "kept as it was");
    assert.deepEqual(JSON.parse(await readFile(join(ragDir, META_FILE), "utf8")), { format: "enclave-rag", schemaVersion: SCHEMA_VERSION });
    assert.equal(SCHEMA_VERSION, 3);
    const db = await connect(ragDir);
    const columns = (await (await db.openTable("documents")).schema()).fields.map((f) => `${f.name}:${String(f.type)}`);
    db.close();
    assert.deepEqual(columns.slice(-5), ["embedderId:Utf8", "format:Utf8", "ocrPages:Int32", "warnings:List<Utf8>", "chunker:Int32"]);

    // Already migrated: the next start changes nothing and still shows the imported record.
    const second = await list();
    assert.deepEqual(second, first);
    assert.equal(await exists(join(ragDir, LEGACY_META_FILE)), false);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("import fills only rows without a record that still show the entry's generation; a second import changes nothing", () =>
  withStore(async (store, dir) => {
    await store.upsertDocument(doc("a"), [chunk("alpha")], null); // no record (as a pre-3 row)
    await store.upsertDocument(doc("b"), [chunk("bravo")], null, { meta: metaOf("markdown") });
    await writeFile(join(dir, LEGACY_META_FILE), sidecar({
      a: { version: 1, embedderId: null, format: "pdf", ocrPages: 1, warnings: ["w"] }, // no chunker: cut by version 1
      b: { version: 1, embedderId: null, format: "pdf", ocrPages: 0, warnings: [] },
    }));
    const lines: string[] = [];
    const outcome = await importLegacyMeta(store, dir, (l) => lines.push(l));
    assert.deepEqual(outcome, { kind: "imported", entries: 2, filled: 1, skipped: 0, renamedTo: join(dir, `${LEGACY_META_FILE}.imported`) });
    assert.equal(lines.length, 0);
    assert.deepEqual((await store.getDocument("a"))!.meta, { embedderId: null, format: "pdf", ocrPages: 1, warnings: ["w"], chunker: 1 });
    assert.equal((await store.getDocument("b"))!.meta?.format, "markdown", "a newer record is never overwritten");

    // A crash between the import and the rename: the file comes back and is imported again, harmlessly.
    await writeFile(join(dir, LEGACY_META_FILE), await readFile(join(dir, `${LEGACY_META_FILE}.imported`), "utf8"));
    await store.upsertDocument(doc("a"), [chunk("alpha two")], null, { meta: metaOf("text") });
    const again = await importLegacyMeta(store, dir, (l) => lines.push(l));
    assert.equal(again.kind === "imported" && again.filled, 0);
    assert.equal((await store.getDocument("a"))!.meta?.format, "text");

    // No sidecar: nothing to do, nothing said.
    assert.deepEqual(await importLegacyMeta(store, dir, (l) => lines.push(l)), { kind: "none" });
    assert.equal(lines.length, 0);
  }));

test("a corrupt sidecar imports nothing, says so, is kept as .unreadable; no document is lost", () =>
  withStore(async (store, dir) => {
    await store.upsertDocument(doc("a"), [chunk("alpha")], null);
    for (const content of ["{\"format\":\"enclave-ingest-meta\",\"entries\":{\"a\":", JSON.stringify({ format: "something-else", entries: {} })]) {
      await writeFile(join(dir, LEGACY_META_FILE), content);
      const lines: string[] = [];
      const outcome = await importLegacyMeta(store, dir, (l) => lines.push(l));
      assert.deepEqual(outcome, { kind: "unreadable", reason: "not an Enclave ingest record", renamedTo: join(dir, `${LEGACY_META_FILE}.unreadable`) });
      assert.equal(lines.length, 1);
      assert.match(lines[0]!, /nothing imported.*Kept as .*unreadable/);
      assert.equal(await readFile(join(dir, `${LEGACY_META_FILE}.unreadable`), "utf8"), content);
      assert.equal(await exists(join(dir, LEGACY_META_FILE)), false, "not retried at every start");
    }
    const [listed] = await store.listDocuments();
    assert.equal(listed?.id, "a");
    assert.equal(listed?.meta, null);
    assert.equal(await store.countChunks(), 1);
  }));

test("a sidecar that cannot be read stays where it is, to be tried again", () =>
  withStore(async (store, dir) => {
    await mkdir(join(dir, LEGACY_META_FILE)); // reading it fails with EISDIR, as an I/O or permission error would
    const lines: string[] = [];
    const outcome = await importLegacyMeta(store, dir, (l) => lines.push(l));
    assert.equal(outcome.kind, "unreadable");
    assert.equal(outcome.kind === "unreadable" && outcome.renamedTo, null);
    assert.match(lines.join("\n"), /could not be read/);
    assert.equal(await exists(join(dir, LEGACY_META_FILE)), true);
  }));

test("the record changes with the flip: a write cut short before it leaves the old generation's record", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-doc-meta-flip-"));
  const store = await RagStore.open(dir, { embedder: null, writeBatchSize: 1 });
  try {
    await store.upsertDocument(doc("a"), [chunk("alpha")], null, { meta: metaOf("pdf", { warnings: ["old"] }) });
    // Cancelled once the new generation's first chunk is written: before the flip.
    const controller = new AbortController();
    const table = store.chunks;
    const add = table.add.bind(table);
    table.add = async (...args: Parameters<typeof add>) => {
      const result = await add(...args);
      controller.abort();
      return result;
    };
    const two = [chunk("alpha two"), { ...chunk("alpha three"), index: 1 }];
    await assert.rejects(store.upsertDocument(doc("a"), two, null, { signal: controller.signal, meta: metaOf("pdf", { warnings: ["new"] }) }), { code: "ABORTED" });
    table.add = add;
    const kept = (await store.getDocument("a"))!;
    assert.equal(kept.version, 1);
    assert.deepEqual(kept.meta?.warnings, ["old"]);

    // A failed re-ingest and a rename keep the visible generation's record with it.
    await store.markDocument(doc("a"), "failed", "could not read");
    assert.deepEqual((await store.getDocument("a"))!.meta?.warnings, ["old"]);
    const moved = await store.relocateDocument("a", { path: "/docs/renamed.pdf", size: 100, mtime: 1 });
    assert.deepEqual(moved.meta?.warnings, ["old"]);
    assert.deepEqual((await store.getDocument("a"))!.meta?.warnings, ["old"]);

    await store.upsertDocument(doc("a"), two, null, { meta: metaOf("pdf", { warnings: ["new"] }) });
    const flipped = (await store.getDocument("a"))!;
    assert.equal(flipped.version, 2);
    assert.deepEqual(flipped.meta?.warnings, ["new"]);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("skip decisions read the imported record: another embedder's record re-indexes, a lost one falls back to the chunks", { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-doc-meta-skip-"));
  const docs = join(dir, "docs");
  await mkdir(docs);
  await writeFile(join(docs, "note.txt"), "The marker word is WOMBAT.\n");
  let store = await RagStore.open(join(dir, "rag"), { embedder: null });
  const converters = new Converters();
  const ingest = () => ingestPaths({ store, embedder: null, converters }, [docs], "c", { ocr: false });
  try {
    const first = (await ingest()).files[0]!;
    assert.equal(first.outcome, "added");
    const id = first.documentId!;
    assert.deepEqual((await store.getDocument(id))!.meta, { embedderId: null, format: "text", ocrPages: 0, warnings: [], chunker: CHUNKER_VERSION });
    assert.equal((await ingest()).files[0]!.outcome, "unchanged");

    // Rows from before schema 3 whose sidecar was lost: chunks in this table mean unchanged.
    await store.close();
    const db = await connect(join(dir, "rag"));
    const documents = await db.openTable("documents");
    await documents.update({ where: "true", valuesSql: { chunker: "NULL", format: "NULL", embedderId: "NULL", ocrPages: "NULL", warnings: "NULL" } });
    documents.close();
    db.close();
    store = await RagStore.open(join(dir, "rag"), { embedder: null });
    assert.equal((await store.getDocument(id))!.meta, null);
    assert.equal((await ingest()).files[0]!.outcome, "unchanged");

    // The sidecar said another embedder wrote this generation: re-indexed for the current one.
    const { version } = (await store.getDocument(id))!;
    await writeFile(join(dir, "rag", LEGACY_META_FILE), sidecar({ [id]: { version, embedderId: `${"e".repeat(64)}:8`, format: "text", ocrPages: 0, warnings: [], chunker: CHUNKER_VERSION } }));
    const imported = await importLegacyMeta(store, join(dir, "rag"), () => undefined);
    assert.equal(imported.kind === "imported" && imported.filled, 1);
    const after = (await ingest()).files[0]!;
    assert.equal(after.outcome, "updated");
    assert.match(after.warnings.join(" "), /current embedding model/);
    assert.equal((await ingest()).files[0]!.outcome, "unchanged");
  } finally {
    await store.close();
    await converters.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
