// The LanceDB store on disk: explicit schemas, versioned meta, atomic replace, deletes without
// orphans, embedders in separate tables, full-text-only mode, collection listing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { RagStore, META_FILE, SCHEMA_VERSION, type DocumentInput } from "../native/rag/index/index.ts";
import { searchColumnsOf } from "../native/rag/index/search-columns.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import type { Chunk } from "../native/rag/chunk/index.ts";

const specA = { embedderId: `${"a".repeat(64)}:8`, dims: 8 };
const specB = { embedderId: `${"b".repeat(64)}:4`, dims: 4 };

function doc(id: string, collection = "legal"): DocumentInput {
  return { id, path: `/docs/${id}.pdf`, sha256: "f".repeat(64), size: 1234, mtime: 1_700_000_000_000, collection, pages: 2 };
}
function chunks(texts: string[]): Chunk[] {
  return texts.map((text, index) => ({ index, text, tokens: 3, pageStart: 1, pageEnd: index % 2 ? 2 : 1, charStart: index * 10, charEnd: index * 10 + 9, headingPath: ["H", `S${index}`] }));
}
function vecs(n: number, dims: number, seed = 1): Float32Array[] {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  return Array.from({ length: n }, () => Float32Array.from({ length: dims }, rnd));
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "enclave-rag-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("schemas are explicit and versioned; a newer format is refused", () =>
  withDir(async (dir) => {
    const store = await RagStore.open(dir, { embedder: specA });
    const chunkSchema = await store.chunks.schema();
    const types = Object.fromEntries(chunkSchema.fields.map((f) => [f.name, String(f.type)]));
    assert.equal(types.vector, "FixedSizeList[8]<Float32>");
    assert.equal(types.pageStart, "Int32");
    assert.equal(types.headingPath, "List<Utf8>");
    assert.equal(store.chunksTableName, "chunks_aaaaaaaaaaaa_8");
    await store.close();
    const db = await connect(dir);
    const docSchema = await (await db.openTable("documents")).schema();
    assert.deepEqual(Object.fromEntries(docSchema.fields.map((f) => [f.name, String(f.type)])), {
      id: "Utf8", path: "Utf8", sha256: "Utf8", size: "Int64", mtime: "Float64", collection: "Utf8", status: "Utf8",
      error: "Utf8", pages: "Int32", ingestedAt: "Float64", version: "Int32",
      embedderId: "Utf8", format: "Utf8", ocrPages: "Int32", warnings: "List<Utf8>", chunker: "Int32",
    });
    assert.equal(docSchema.metadata.get("enclave.rag.schemaVersion"), String(SCHEMA_VERSION));
    db.close();
    const meta = JSON.parse(await readFile(join(dir, META_FILE), "utf8"));
    assert.deepEqual(meta, { format: "enclave-rag", schemaVersion: SCHEMA_VERSION });
    await writeFile(join(dir, META_FILE), JSON.stringify({ format: "enclave-rag", schemaVersion: SCHEMA_VERSION + 1 }));
    await assert.rejects(RagStore.open(dir, { embedder: specA }), { code: "UNSUPPORTED_FORMAT" });
  }));

test("upsert replaces atomically, delete leaves no orphans, collections list apart", () =>
  withDir(async (dir) => {
    const store = await RagStore.open(dir, { embedder: specA, writeBatchSize: 2 });
    try {
      const r1 = await store.upsertDocument(doc("d1"), chunks(["one", "two", "three"]), vecs(3, 8));
      assert.deepEqual(r1, { version: 1, chunks: 3 });
      await store.upsertDocument(doc("d2", "hr"), chunks(["hr policy"]), vecs(1, 8));
      const r2 = await store.upsertDocument(doc("d1"), chunks(["uno", "dos"]), vecs(2, 8, 7));
      assert.equal(r2.version, 2);
      assert.equal(await store.countChunks("`documentId` = 'd1'"), 2, "old generation removed");
      const d1 = (await store.getDocument("d1"))!;
      assert.equal(d1.status, "ready");
      assert.equal(d1.size, 1234);
      assert.equal(d1.version, 2);
      assert.deepEqual((await store.listDocuments({ collection: "hr" })).map((d) => d.id), ["d2"]);
      assert.deepEqual((await store.listDocuments()).map((d) => d.id), ["d1", "d2"]);

      // A crashed write: chunks of generation 3 landed, the flip never happened. Readers must not see them.
      await store.chunks.add([{ id: "d1#3#0", documentId: "d1", docVersion: 3, chunkIndex: 0, collection: "legal", text: "uno ghost", ...searchColumnsOf("uno ghost"), vector: vecs(1, 8)[0]!, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 3, headingPath: [], embedderId: specA.embedderId }]);
      const retriever = new Retriever(store);
      const hits = await retriever.search("uno ghost", { mode: "fulltext" });
      assert.deepEqual(hits.map((h) => h.text), ["uno"], "the half-written generation stays invisible");
      assert.equal(await store.sweepOrphans(), 1);
      // And a retry after such a crash does not pick the leftovers up.
      await store.chunks.add([{ id: "d1#3#5", documentId: "d1", docVersion: 3, chunkIndex: 5, collection: "legal", text: "stale", ...searchColumnsOf("stale"), vector: vecs(1, 8)[0]!, pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 3, headingPath: [], embedderId: specA.embedderId }]);
      await store.upsertDocument(doc("d1"), chunks(["tres"]), vecs(1, 8));
      assert.equal(await store.countChunks("`documentId` = 'd1'"), 1);

      const del = await store.deleteDocument("d1");
      assert.equal(del.chunksDeleted, 1);
      assert.equal(await store.getDocument("d1"), undefined);
      assert.equal(await store.countChunks(), 1, "only d2's chunk remains");
      await assert.rejects(store.upsertDocument(doc("d3"), chunks(["x"]), null), { code: "INVALID_INPUT" });
      await assert.rejects(store.upsertDocument(doc("d3"), chunks(["x"]), vecs(1, 5)), { code: "INVALID_INPUT" });
      await store.markDocument(doc("bad"), "failed", "encrypted PDF");
      assert.equal((await store.getDocument("bad"))!.error, "encrypted PDF");
      await store.optimize();
    } finally {
      await store.close();
    }
  }));

test("two embedders keep separate tables; deleting a document clears both; FTS-only mode", () =>
  withDir(async (dir) => {
    const a = await RagStore.open(dir, { embedder: specA });
    await a.upsertDocument(doc("d1"), chunks(["alpha text"]), vecs(1, 8));
    await a.close();
    const b = await RagStore.open(dir, { embedder: specB });
    assert.equal(b.chunksTableName, "chunks_bbbbbbbbbbbb_4");
    assert.equal(await b.countChunks(), 0, "A's vectors are not in B's table");
    await b.upsertDocument(doc("d9"), chunks(["beta text"]), vecs(1, 4));
    await assert.rejects(b.upsertDocument(doc("d9"), chunks(["beta"]), vecs(1, 8)), { code: "INVALID_INPUT" });
    await b.close();

    const fts = await RagStore.open(dir, { embedder: null });
    assert.equal(fts.chunksTableName, "chunks_fulltext");
    assert.ok(!(await fts.chunks.schema()).fields.some((f) => f.name === "vector"));
    await fts.upsertDocument(doc("d5", "notes"), chunks(["Invoice 99-1234 for Acme Corp", "nothing here"]), null);
    await fts.upsertDocument(doc("d6", "other"), chunks(["Acme Corp again"]), null);
    const retriever = new Retriever(fts);
    const hits = await retriever.search("99-1234");
    assert.equal(hits[0]!.documentId, "d5");
    assert.equal(hits[0]!.path, "/docs/d5.pdf");
    assert.deepEqual(hits[0]!.highlights, [{ start: 8, end: 15 }]);
    assert.deepEqual(hits[0]!.headingPath, ["H", "S0"]);
    assert.deepEqual((await retriever.search("Acme", { collection: "other" })).map((h) => h.documentId), ["d6"]);
    assert.deepEqual((await retriever.search("Acme", { documentIds: ["d5"] })).map((h) => h.documentId), ["d5"]);
    await assert.rejects(retriever.search("Acme", { mode: "hybrid" }), { code: "INVALID_INPUT" });
    // Deleting d1 reaches A's table too although this store is opened for full text.
    await fts.deleteDocument("d1");
    await fts.close();
    const a2 = await RagStore.open(dir, { embedder: specA });
    assert.equal(await a2.countChunks(), 0);
    await a2.close();
  }));
