// A team index on object storage: LanceDB through its own object-store support against s3rver (an
// S3-compatible server on loopback, standing in for MinIO or an internal endpoint), with the options
// Enclave derives from the environment. Two connections (two team members) see each other's commits;
// merge-insert, vector and full-text search work. Set ENCLAVE_S3_TEST_URI (with AWS_* credentials and,
// for a non-AWS endpoint, ENCLAVE_S3_ENDPOINT) to run the same checks against a real endpoint.
// Enclave's own RagStore opens at the s3:// URI too: its format marker lives in the store (a table),
// not in a local file, so two engines create, ingest, list and search the same index. Not covered
// here: RagService does not yet place a collection at an s3:// URI (see README).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { connect, Index } from "@lancedb/lancedb";
import { objectStoreOptions } from "../native/rag/index/object-store.ts";
import { Schema } from "apache-arrow";
import { chunksSchema, documentMetaFields, documentsSchema, RagStore, SCHEMA_VERSION, type DocumentInput } from "../native/rag/index/index.ts";
import { searchColumnsOf } from "../native/rag/index/search-columns.ts";
import { importLegacyMeta, LEGACY_META_FILE } from "../native/rag/ingest/index.ts";
import { META_TABLE } from "../native/rag/index/store-marker.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import type { Chunk } from "../native/rag/chunk/types.ts";

let server: S3rver | undefined;
let scratch: string;
let uri: string;
let env: Record<string, string | undefined>;

before(async () => {
  if (process.env.ENCLAVE_S3_TEST_URI) {
    uri = `${process.env.ENCLAVE_S3_TEST_URI.replace(/\/+$/, "")}/enclave-test-${Date.now()}`;
    env = process.env;
    return;
  }
  scratch = await mkdtemp(join(tmpdir(), "enclave-s3-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: scratch, configureBuckets: [{ name: "team", configs: [] }] });
  const { port } = await server.run();
  uri = "s3://team/index";
  env = { ENCLAVE_S3_ENDPOINT: `http://127.0.0.1:${port}`, AWS_REGION: "us-east-1" };
});
after(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function credentials(): Record<string, string> {
  // s3rver accepts its fixed pair; a real endpoint's come from the environment.
  return server ? { aws_access_key_id: "S3RVER", aws_secret_access_key: "S3RVER" } : {};
}

test("two team members share one index on S3: writes, merge-insert, vector and full-text search", async () => {
  const storageOptions = { ...objectStoreOptions(uri, env), ...credentials() };
  const alice = await connect(uri, { storageOptions });
  const bob = await connect(uri, { storageOptions, readConsistencyInterval: 0 });
  const rows = [
    { id: "a", text: "retention policy for contracts", vector: [1, 0, 0, 0] },
    { id: "b", text: "travel expenses and receipts", vector: [0, 1, 0, 0] },
  ];
  const table = await alice.createTable("chunks", rows);
  await table.add([{ id: "c", text: "contract renewal dates", vector: [0.9, 0.1, 0, 0] }]);
  await table.mergeInsert("id").whenMatchedUpdateAll().whenNotMatchedInsertAll().execute([{ id: "a", text: "retention policy for signed contracts", vector: [1, 0, 0, 0] }]);
  await table.createIndex("text", { config: Index.fts() });

  const shared = await bob.openTable("chunks");
  assert.equal(await shared.countRows(), 3);
  const nearest = await shared.vectorSearch([1, 0, 0, 0]).limit(1).toArray();
  assert.equal(nearest[0].text, "retention policy for signed contracts");
  const words = await shared.search("receipts", "fts").limit(5).toArray();
  assert.deepEqual(words.map((r: { id: string }) => r.id), ["b"]);

  await shared.add([{ id: "d", text: "added by bob", vector: [0, 0, 1, 0] }]);
  await table.checkoutLatest();
  assert.equal(await table.countRows(), 4, "alice sees bob's commit");
  await alice.dropTable("chunks");
});

function passage(index: number, text: string): Chunk {
  return { index, text, tokens: 4, pageStart: index + 1, pageEnd: index + 1, charStart: 0, charEnd: text.length, headingPath: [] };
}

function document(id: string, collection: string): DocumentInput {
  return { id, path: `/shared/${id}.md`, sha256: id.padEnd(64, "0"), size: 100, mtime: 1, collection, pages: 2 };
}

test("two engines' RagStores share one index on S3: its marker lives in the store, and each sees the other's documents", async () => {
  const storageOptions = { ...objectStoreOptions(uri, env), ...credentials() };
  const location = `${uri}-rag`;
  const alice = await RagStore.open(location, { embedder: null, storageOptions });
  const bob = await RagStore.open(location, { embedder: null, storageOptions });
  try {
    // The marker is a table in the bucket, readable by any engine (no local rag-meta.json).
    const db = await connect(location, { storageOptions });
    const [marker] = await (await db.openTable(META_TABLE)).query().toArray();
    assert.deepEqual({ format: marker.format, schemaVersion: Number(marker.schemaVersion) }, { format: "enclave-rag", schemaVersion: SCHEMA_VERSION });

    await alice.upsertDocument(document("lease", "team"), [passage(0, "The lease of unit ZX-4471 ends in March 2027."), passage(1, "Rent is due monthly.")], null);
    await alice.refreshIndexes();
    assert.deepEqual((await bob.listDocuments({ collection: "team" })).map((d) => [d.id, d.status]), [["lease", "ready"]], "bob lists alice's document");
    const hits = await new Retriever(bob).search("lease ZX-4471", { mode: "fulltext", collection: "team" });
    assert.equal(hits[0]?.documentId, "lease");
    assert.equal(hits[0]?.pageStart, 1);

    await bob.upsertDocument(document("boiler", "team"), [passage(0, "The boiler of unit ZX-4472 was replaced.")], null);
    assert.deepEqual((await alice.listDocuments({ collection: "team" })).map((d) => d.id), ["boiler", "lease"], "alice sees bob's document");
    const found = await new Retriever(alice).search("boiler replaced", { mode: "fulltext", collection: "team" });
    assert.equal(found[0]?.documentId, "boiler");

    // A document deleted by one engine is gone, chunks and all, for the other.
    assert.deepEqual(await bob.deleteDocument("boiler"), { chunksDeleted: 1 });
    assert.deepEqual((await alice.listDocuments()).map((d) => d.id), ["lease"]);
    assert.deepEqual(await new Retriever(alice).search("boiler replaced", { mode: "fulltext", collection: "team" }), []);
    await bob.upsertDocument(document("boiler", "team"), [passage(0, "The boiler of unit ZX-4472 was replaced.")], null);

    // A third engine opening later reads the same marker and finds both.
    const carol = await RagStore.open(location, { embedder: null, storageOptions });
    assert.equal((await carol.listDocuments()).length, 2);
    await carol.close();
    assert.equal(await (await db.openTable(META_TABLE)).version(), 1, "later engines read the marker; only the first wrote it");
    // A newer marker written by a later Enclave is refused here, as for a local store.
    await db.createTable(META_TABLE, [{ format: "enclave-rag", schemaVersion: SCHEMA_VERSION + 1 }], { mode: "overwrite" });
    await assert.rejects(RagStore.open(location, { embedder: null, storageOptions }), { code: "UNSUPPORTED_FORMAT" });
    db.close();
  } finally {
    await alice.close();
    await bob.close();
  }
});

test("a schema-2 team index is upgraded in the bucket; a member's old sidecar, imported, is seen by the others", async () => {
  const storageOptions = { ...objectStoreOptions(uri, env), ...credentials() };
  const location = `${uri}-v2`;
  const db = await connect(location, { storageOptions });
  const record = new Set(documentMetaFields().map((f) => f.name));
  const v2 = new Schema(documentsSchema().fields.filter((f) => !record.has(f.name)), new Map([["enclave.rag.schemaVersion", "2"]]));
  await (await db.createEmptyTable("documents", v2)).add([{ ...document("lease", "team"), size: 100n, status: "ready", error: null, ingestedAt: 1, version: 1 }]);
  const text = "The lease of unit ZX-4471 ends in March 2027.";
  await (await db.createEmptyTable("chunks_fulltext", chunksSchema(null))).add([{ id: "lease#1#0", documentId: "lease", docVersion: 1, chunkIndex: 0, collection: "team", text, ...searchColumnsOf(text), pageStart: 1, pageEnd: 1, charStart: 0, charEnd: text.length, headingPath: [], embedderId: null }]);
  await db.createTable(META_TABLE, [{ format: "enclave-rag", schemaVersion: 2 }], { mode: "overwrite" });

  const aliceDir = await mkdtemp(join(tmpdir(), "enclave-rag-team-"));
  const alice = await RagStore.open(location, { embedder: null, storageOptions });
  try {
    const [marker] = await (await db.openTable(META_TABLE)).query().toArray();
    assert.equal(Number(marker.schemaVersion), SCHEMA_VERSION);
    assert.equal((await alice.getDocument("lease"))?.meta, null, "no record until the import");
    const entry = { version: 1, embedderId: null, format: "markdown", ocrPages: 0, warnings: ["Imported."], chunker: 3 };
    await writeFile(join(aliceDir, LEGACY_META_FILE), JSON.stringify({ format: "enclave-ingest-meta", entries: { lease: entry } }));
    const outcome = await importLegacyMeta(alice, aliceDir, () => undefined);
    assert.equal(outcome.kind === "imported" && outcome.filled, 1);
    const bob = await RagStore.open(location, { embedder: null, storageOptions });
    try {
      assert.deepEqual((await bob.getDocument("lease"))?.meta, { embedderId: null, format: "markdown", ocrPages: 0, warnings: ["Imported."], chunker: 3 });
    } finally {
      await bob.close();
    }
  } finally {
    await alice.close();
    db.close();
    await rm(aliceDir, { recursive: true, force: true });
  }
});
