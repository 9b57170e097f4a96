// The full-text side as schema 2 stores it (index/search-columns.ts): per-language search columns
// read by one query, passages' search text carrying headings and the document's running-line
// context, and a schema-1 index upgraded in place. Real LanceDB, real PDF through real ingest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "../native/rag/index/lance-threads.ts";
import { connect, Index } from "@lancedb/lancedb";
import { Schema } from "apache-arrow";
import { chunksSchema, documentMetaFields, documentsSchema, RagStore, META_FILE, SCHEMA_VERSION } from "../native/rag/index/index.ts";
import { SEARCH_COLUMNS } from "../native/rag/index/search-columns.ts";
import { withSearchText, type Chunk } from "../native/rag/chunk/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { fixtureDir } from "./fixtures/documents/documents.ts";
import { buildPdf } from "./fixtures/documents/pdf-writer.ts";

const doc = (id: string, pages = 1) => ({ id, path: `/docs/${id}.pdf`, sha256: "0".repeat(64), size: 100, mtime: 0, collection: "c", pages });
const chunk = (text: string, page = 1, headingPath: string[] = []): Chunk => ({ index: page - 1, text, tokens: 10, pageStart: page, pageEnd: page, charStart: 0, charEnd: text.length, headingPath });

test("one query meets every language's stemmer; headings count, the shown passage stays the text", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-search-cols-"));
  const store = await RagStore.open(dir, { embedder: null });
  try {
    await store.upsertDocument(doc("de"), withSearchText([chunk("Standardmäßig stehen drei Familien zur Wahl.")], ""), null);
    await store.upsertDocument(doc("en"), withSearchText([chunk("Three weights are offered."), { ...chunk("Use exists() instead.", 2, ["Deprecated syntax"]), index: 1 }], "Widget"), null);
    await store.refreshIndexes();
    const retriever = new Retriever(store);
    // English stemming leaves "familien" and "familie" apart; the German column joins them.
    const [german] = await retriever.search("Familie", { limit: 1, mode: "fulltext" });
    assert.equal(german?.documentId, "de");
    const [deprecated] = await retriever.search("deprecated", { limit: 1, mode: "fulltext" });
    assert.equal(deprecated?.page, 2, "the heading above the passage is searched");
    assert.equal(deprecated?.text, "Use exists() instead.", "but not shown as part of it");
    const byContext = await retriever.search("widget", { limit: 5, mode: "fulltext" });
    assert.deepEqual(byContext.map((r) => r.page).sort(), [1, 2], "the document's context reaches all its passages");
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a schema-1 index is upgraded: search columns filled from the text, its old FTS index gone", async () => {
  const dir = await mkdtemp(join(tmpdir(), "enclave-search-mig-"));
  const db = await connect(dir);
  const v2 = chunksSchema(null);
  const v1 = new Schema(v2.fields.filter((f) => !f.name.startsWith("search_")), new Map([["enclave.rag.schemaVersion", "1"]]));
  const metaColumns = new Set(documentMetaFields().map((f) => f.name));
  const docsV1 = new Schema(documentsSchema().fields.filter((f) => !metaColumns.has(f.name)), new Map([["enclave.rag.schemaVersion", "1"]]));
  const docs = await db.createEmptyTable("documents", docsV1);
  await docs.add([{ ...doc("old"), size: 100n, status: "ready", error: null, ingestedAt: 1, version: 1 }]);
  const chunks = await db.createEmptyTable("chunks_fulltext", v1);
  await chunks.add([{ id: "old#1#0", documentId: "old", docVersion: 1, chunkIndex: 0, collection: "c", text: "The quarterly ledger balances.", pageStart: 1, pageEnd: 1, charStart: 0, charEnd: 30, headingPath: [], embedderId: null }]);
  await chunks.createIndex("text", { config: Index.fts({ withPosition: true }) });
  db.close();
  await writeFile(join(dir, META_FILE), JSON.stringify({ format: "enclave-rag", schemaVersion: 1 }));

  const store = await RagStore.open(dir, { embedder: null });
  try {
    const fields = (await store.chunks.schema()).fields.map((f) => f.name);
    for (const c of SEARCH_COLUMNS) assert.ok(fields.includes(c.column), `${c.column} added`);
    assert.ok(!(await store.chunks.listIndices()).some((i) => i.columns.includes("text")), "the text column's index is dropped");
    const [hit] = await new Retriever(store).search("ledger", { limit: 1, mode: "fulltext" });
    assert.equal(hit?.text, "The quarterly ledger balances.");
    // New passages go into the upgraded table beside the old ones.
    await store.upsertDocument(doc("new"), withSearchText([chunk("Quarterly forecasts follow.", 1, ["Outlook"])], ""), null);
    const found = await new Retriever(store).search("quarterly outlook", { limit: 5, mode: "fulltext" });
    assert.deepEqual(found.map((r) => r.documentId).sort(), ["new", "old"]);
    assert.equal(found[0]?.documentId, "new", "the heading counts for the new passage");
  } finally {
    await store.close();
  }
  const reopened = await RagStore.open(dir, { embedder: null });
  await reopened.close();
  assert.equal(SCHEMA_VERSION, 3);
  await rm(dir, { recursive: true, force: true });
});

test("a running header leaves the passages of a real PDF; naming the document still finds it", { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-running-"));
  const { dir, write } = fixtureDir("enclave-running-docs-");
  const topics = ["refunds", "shipping", "warranty", "returns", "invoices", "discounts"];
  write("handbook.pdf", buildPdf(topics.map((t, i) => ({
    texts: [
      { x: 72, y: 760, size: 9, text: `Acme Handbook, edition 3, page ${i + 1}` },
      { x: 72, y: 600, size: 11, text: `This page explains how ${t} are handled by the team,` },
      { x: 72, y: 586, size: 11, text: "who answers within two working days and keeps a record" },
      { x: 72, y: 572, size: 11, text: "of every request it receives from a customer." },
    ],
  }))));
  const store = await RagStore.open(dataDir, { embedder: null });
  const converters = new Converters();
  try {
    const run = await ingestPaths({ store, embedder: null, converters }, [dir], "c", { ocr: false });
    assert.equal(run.files[0]!.outcome, "added");
    const rows = await store.chunks.query().select(["text"]).toArray();
    assert.equal(rows.length, topics.length);
    for (const r of rows) assert.doesNotMatch(String(r.text), /Acme Handbook/, "the running header is not a passage's content");
    const retriever = new Retriever(store);
    const [hit] = await retriever.search("Acme handbook warranty", { limit: 1, mode: "fulltext" });
    assert.equal(hit?.page, 3);
    assert.equal((await retriever.search("Acme handbook", { limit: 10, mode: "fulltext" })).length, topics.length, "the header's words reach every page");
  } finally {
    await store.close();
    await converters.dispose();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
});
