// The LanceDB store behind retrieval: a `documents` table and one chunks table per embedder (or a
// full-text-only one), with explicit Arrow schemas, a schema version in `rag-meta.json`, batched
// writes, an FTS index on the text and an IVF_PQ vector index once a table is big enough.
//
// Atomicity: a document's chunks are written under a new generation number (`docVersion`) while
// its row still points at the old one; one single-row commit to `documents` then flips `version`
// (and `status = "ready"`, and the ingest's record of that generation: DocumentMeta); only then are
// older generations deleted. Readers only return chunks
// whose document is ready and whose docVersion equals the document's version, so a crash at any
// point leaves either the old chunks or the new ones visible — never a mix, never half a document.
// Leftovers of a crashed write are invisible and removed by the next upsert of that document or
// by `sweepOrphans()`.
//
// Writes are serialized by one lock. The IVF_PQ vector index build is one of them but is started
// apart from ingestion (see vector-index-builds.ts) because it can take minutes; a write waiting
// behind it can be cancelled by its signal, and close() does not wait for it (see close()).
//
// Beside this file: the upgrade of older stores (store-migration.ts), the write queue
// (write-queue.ts), index upkeep (index-upkeep.ts), document rows (document-rows.ts) and the format
// marker (store-marker.ts).
import "./lance-threads.ts"; // before any LanceDB call: see the file
import { connect, type Connection, type Table } from "@lancedb/lancedb";
import { mkdirPrivate } from "../../util/private-fs.ts";
import { EngineError } from "../../contract/errors.ts";
import type { Chunk } from "../chunk/types.ts";
import { CHUNKS_TABLE_PREFIX, chunksSchema, chunksTableName, DOCUMENTS_TABLE, documentsSchema, type DocumentStatus, type EmbedderSpec } from "./schema.ts";
import { sql, sqlList } from "./sql.ts";
import type { VectorQueryTuning } from "./vector-index.ts";
import { isObjectStoreUri } from "./object-store.ts";
import { fileMarker, openIfExists, tableMarker } from "./store-marker.ts";
import { buildSearchIndexes } from "./search-columns.ts";
import { migrate } from "./store-migration.ts";
import { WriteQueue } from "./write-queue.ts";
import { chunkRows, documentRow, toDocument, type DocumentInput, type DocumentMeta, type DocumentRecord } from "./document-rows.ts";
import { buildVectorIndex, eraseRemovedRows, optimizeTables, searchIndexesCurrent, vectorIndexDue, vectorQueryTuning } from "./index-upkeep.ts";

export { META_FILE } from "./store-marker.ts";
export { MIGRATIONS } from "./store-migration.ts";
export type { DocumentInput, DocumentMeta, DocumentRecord } from "./document-rows.ts";

export interface RagStoreOptions {
  /** The embedder whose vectors this store reads and writes; null for full-text only. */
  embedder: EmbedderSpec | null;
  /** Rows per append (each append is a LanceDB version + fragment). Default 2000. */
  writeBatchSize?: number;
  /** Build the vector index once the chunks table holds this many rows. Default 20,000. */
  vectorIndexThreshold?: number;
  /** `optimize()` deletes table versions older than this. Default one hour. */
  versionRetentionMs?: number;
  /** For a store on object storage (s3://…): LanceDB's connection options (endpoint, region,
   *  credentials from the environment: object-store.ts), never from settings files. */
  storageOptions?: Record<string, string>;
}

export interface UpsertResult {
  version: number;
  chunks: number;
}

export class RagStore {
  readonly embedder: EmbedderSpec | null;
  readonly chunksTableName: string;
  #db: Connection | undefined;
  readonly #documents: Table;
  readonly #chunks: Table;
  readonly #writeBatchSize: number;
  readonly #vectorIndexThreshold: number;
  readonly #versionRetentionMs: number;
  /** Commits that added or deleted rows since the last `optimize()`. */
  #unoptimizedWrites = 0;
  readonly #writes = new WriteQueue();
  #pendingBuilds = 0;

  private constructor(db: Connection, documents: Table, chunks: Table, options: RagStoreOptions) {
    this.#db = db;
    this.#documents = documents;
    this.#chunks = chunks;
    this.embedder = options.embedder;
    this.chunksTableName = chunksTableName(options.embedder);
    this.#writeBatchSize = options.writeBatchSize ?? 2000;
    this.#vectorIndexThreshold = options.vectorIndexThreshold ?? 20_000;
    this.#versionRetentionMs = options.versionRetentionMs ?? 3_600_000;
  }

  /** Opens (or creates) the store in a local folder, or at an object-store URI (s3://bucket/prefix)
   *  that several engines share: there every read sees the others' latest commits. */
  static async open(location: string, options: RagStoreOptions): Promise<RagStore> {
    const shared = isObjectStoreUri(location);
    if (!shared) await mkdirPrivate(location);
    const db = shared ? await connect(location, { storageOptions: options.storageOptions ?? {}, readConsistencyInterval: 0 }) : await connect(location);
    try {
      await migrate(location, db, shared ? tableMarker(location, db, DOCUMENTS_TABLE) : fileMarker(location, db));
      const names = new Set(await db.tableNames());
      // A table not listed may still be there (some S3-compatible servers list none): opened if so,
      // since createEmptyTable's existOk refuses a table whose schema is not exactly the one given,
      // as an upgraded table's is not (its columns were added by a migration). existOk: another
      // engine sharing the bucket may create the same table at the same moment.
      const openOrCreate = async (name: string, schema: ReturnType<typeof documentsSchema>) =>
        names.has(name) ? db.openTable(name) : ((await openIfExists(db, name)) ?? (await db.createEmptyTable(name, schema, { existOk: true })));
      const documents = await openOrCreate(DOCUMENTS_TABLE, documentsSchema());
      const chunks = await openOrCreate(chunksTableName(options.embedder), chunksSchema(options.embedder?.dims ?? null));
      return new RagStore(db, documents, chunks, options);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** Whether close() was called. */
  get closed(): boolean {
    return this.#db === undefined;
  }

  /** Whether a vector index build is queued or running (a write now would wait for it). */
  get vectorIndexBuilding(): boolean {
    return this.#pendingBuilds > 0;
  }

  /** The chunks table of this store's embedder (for the retriever; read only). */
  get chunks(): Table {
    this.#open();
    return this.#chunks;
  }

  async getDocument(id: string): Promise<DocumentRecord | undefined> {
    this.#open();
    const rows = await this.#documents.query().where(`id = ${sql(id)}`).limit(1).toArray();
    return rows[0] ? toDocument(rows[0]) : undefined;
  }

  async listDocuments(filter: { collection?: string; status?: DocumentStatus; path?: string; sha256?: string } = {}): Promise<DocumentRecord[]> {
    this.#open();
    const where = [
      filter.collection !== undefined && `collection = ${sql(filter.collection)}`,
      filter.status && `status = ${sql(filter.status)}`,
      filter.path !== undefined && `path = ${sql(filter.path)}`,
      filter.sha256 !== undefined && `sha256 = ${sql(filter.sha256)}`,
    ].filter(Boolean);
    let q = this.#documents.query();
    if (where.length) q = q.where(where.join(" AND "));
    return (await q.toArray()).map(toDocument).sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Ready documents among `ids`: what readers may show. */
  async readyDocuments(ids: readonly string[]): Promise<Map<string, DocumentRecord>> {
    this.#open();
    const out = new Map<string, DocumentRecord>();
    if (ids.length === 0) return out;
    const rows = await this.#documents.query().where(`id IN ${sqlList([...new Set(ids)])} AND status = 'ready'`).toArray();
    for (const r of rows) out.set(String(r.id), toDocument(r));
    return out;
  }

  /** Records a document that is being ingested or failed, keeping whatever version is visible (and its record). */
  markDocument(doc: DocumentInput, status: Exclude<DocumentStatus, "ready">, error: string | null = null, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#dataWrite(async () => {
      const existing = await this.getDocument(doc.id);
      await this.#putDocument({ ...doc, status, error, ingestedAt: existing?.ingestedAt ?? null, version: existing?.version ?? 0, meta: existing?.meta ?? null });
    }, options.signal);
  }

  /**
   * Replaces a document's chunks (see the atomicity note at the top). `vectors` (one per chunk) are
   * required when the store has an embedder and must be null when it has none. `meta`: the ingest's
   * record of the new generation, committed with the flip (none: recorded as unknown).
   */
  upsertDocument(doc: DocumentInput, chunks: readonly Chunk[], vectors: readonly Float32Array[] | null, options: { signal?: AbortSignal; meta?: DocumentMeta } = {}): Promise<UpsertResult> {
    if (this.embedder && (!vectors || vectors.length !== chunks.length)) {
      return Promise.reject(new EngineError("INVALID_INPUT", `Expected ${chunks.length} vectors for ${chunks.length} chunks.`));
    }
    if (!this.embedder && vectors) return Promise.reject(new EngineError("INVALID_INPUT", "This store is full-text only: no vectors."));
    const dims = this.embedder?.dims;
    if (vectors && vectors.some((v) => v.length !== dims)) return Promise.reject(new EngineError("INVALID_INPUT", `Every vector must have ${dims} dimensions.`));

    return this.#dataWrite(async () => {
      const existing = await this.getDocument(doc.id);
      const visible = existing?.version ?? 0;
      const version = visible + 1;
      const mine = `\`documentId\` = ${sql(doc.id)}`;
      // Leftovers of an earlier attempt that crashed before its flip would otherwise join this one.
      await deleteIfAny(this.#chunks, `${mine} AND \`docVersion\` > ${visible}`);
      if (!existing) await this.#putDocument({ ...doc, status: "ingesting", error: null, ingestedAt: null, version: 0, meta: null });

      const rows = chunkRows(doc, version, chunks, vectors, this.embedder?.embedderId ?? null);
      for (let i = 0; i < rows.length; i += this.#writeBatchSize) {
        if (options.signal?.aborted) throw new EngineError("ABORTED", "Indexing cancelled; the previous version stays visible.");
        await this.#chunks.add(rows.slice(i, i + this.#writeBatchSize));
      }
      // The flip: one commit makes the new generation the visible one.
      await this.#putDocument({ ...doc, status: "ready", error: null, ingestedAt: Date.now(), version, meta: options.meta ?? null });
      for (const table of await this.#allChunkTables()) await deleteIfAny(table, `${mine} AND \`docVersion\` <> ${version}`);
      return { version, chunks: rows.length };
    }, options.signal);
  }

  /**
   * Points a document at a new path (a renamed or moved file with the same content). One single-row
   * commit; its chunks, which do not hold the path, stay as they are.
   */
  relocateDocument(id: string, to: { path: string; size: number; mtime: number }, options: { signal?: AbortSignal } = {}): Promise<DocumentRecord> {
    return this.#write(async () => {
      const existing = await this.getDocument(id);
      if (!existing) throw new EngineError("NOT_FOUND", "That document is no longer in the index.");
      const moved = { ...existing, ...to };
      await this.#putDocument(moved);
      return moved;
    }, options.signal);
  }

  /** Removes a document and its chunks from every embedder's table. */
  deleteDocument(id: string, options: { signal?: AbortSignal } = {}): Promise<{ chunksDeleted: number }> {
    return this.#dataWrite(async () => {
      await this.#documents.delete(`id = ${sql(id)}`); // first: its chunks stop being visible
      let chunksDeleted = 0;
      for (const table of await this.#allChunkTables()) chunksDeleted += (await table.delete(`\`documentId\` = ${sql(id)}`)).numDeletedRows;
      return { chunksDeleted };
    }, options.signal);
  }

  /**
   * Fills in the record of documents that have none (written before schema 3), from the old
   * sidecar's entries: only where the row still shows the generation the entry describes. One
   * commit; conditional on the row being unchanged since it was read (another engine may write a
   * team index meanwhile), so it never overwrites a newer record. Resolves to the rows filled in.
   */
  importDocumentMeta(entries: ReadonlyMap<string, { version: number; meta: DocumentMeta }>): Promise<number> {
    return this.#write(async () => {
      const rows = entries.size === 0 ? [] : await this.#documents.query().where(`id IN ${sqlList([...entries.keys()])} AND chunker IS NULL`).toArray();
      const fill = rows.map(toDocument).flatMap((doc) => {
        const entry = entries.get(doc.id);
        return entry && entry.version === doc.version ? [documentRow({ ...doc, meta: entry.meta })] : [];
      });
      if (fill.length === 0) return 0;
      const unchanged = "target.chunker IS NULL AND target.version = source.version AND target.status = source.status AND target.path = source.path";
      const result = await this.#documents.mergeInsert("id").whenMatchedUpdateAll({ where: unchanged }).execute(fill);
      return result.numUpdatedRows;
    });
  }

  /** Deletes chunks no reader can see (their document is gone or points at another generation). */
  sweepOrphans(): Promise<number> {
    return this.#write(async () => {
      const versions = new Map((await this.#documents.query().select(["id", "version"]).toArray()).map((r) => [String(r.id), Number(r.version)]));
      let removed = 0;
      for (const table of await this.#allChunkTables()) {
        const seen = new Set<string>();
        for (const r of await table.query().select(["documentId", "docVersion"]).toArray()) seen.add(`${String(r.documentId)}\u0000${Number(r.docVersion)}`);
        for (const key of seen) {
          const [docId, v] = key.split("\u0000") as [string, string];
          if (versions.get(docId) !== Number(v)) {
            removed += (await table.delete(`\`documentId\` = ${sql(docId)} AND \`docVersion\` = ${Number(v)}`)).numDeletedRows;
          }
        }
      }
      if (removed > 0) this.#unoptimizedWrites++;
      return removed;
    });
  }

  async countChunks(filter?: string): Promise<number> {
    this.#open();
    return this.#chunks.countRows(filter);
  }

  /**
   * Creates the FTS index if missing (rows added later are still searched, unindexed, until
   * `optimize()` folds them in). Takes the write lock only when there is something to build, so an
   * ingest that wrote nothing does not wait behind a vector index build.
   */
  async refreshIndexes(options: { signal?: AbortSignal } = {}): Promise<void> {
    this.#open();
    if (await searchIndexesCurrent(this.#chunks)) return;
    await this.#write(async () => {
      if (!(await searchIndexesCurrent(this.#chunks))) await buildSearchIndexes(this.#chunks);
    }, options.signal);
  }

  /**
   * The rows a vector index would be built on, or null when none is due: no embedder, an index
   * already there, or fewer rows than the threshold (`force`: at least 256, PQ's minimum).
   */
  async vectorIndexDue(options: { force?: boolean } = {}): Promise<number | null> {
    this.#open();
    return vectorIndexDue(this.#chunks, this.embedder, this.#vectorIndexThreshold, options.force);
  }

  /**
   * Builds the IVF_PQ index when one is due (checked again under the lock); minutes at 100k rows.
   * `onStart` hears the row count once the lock is held and the build begins. Resolves to the rows
   * indexed, or null when none was due. LanceDB cannot interrupt it; it commits atomically at the end.
   */
  buildVectorIndex(options: { force?: boolean; signal?: AbortSignal; onStart?: (rows: number) => void } = {}): Promise<number | null> {
    this.#open();
    this.#pendingBuilds++;
    const build = this.#write(
      async () => {
        const rows = await this.vectorIndexDue(options);
        if (rows === null || !this.embedder) return null;
        options.onStart?.(rows);
        await buildVectorIndex(this.#chunks, this.embedder.dims, rows);
        return rows;
      },
      options.signal,
      true,
    );
    const settle = () => void this.#pendingBuilds--;
    build.then(settle, settle);
    return build;
  }

  /** How vector queries should probe the index (null: no index, flat search). */
  async vectorQueryTuning(): Promise<VectorQueryTuning | null> {
    this.#open();
    return vectorQueryTuning(this.#chunks, this.embedder);
  }

  /**
   * Whether rows were added or deleted since the last `optimize()`: each write is a new table
   * version and fragment (or deletion file), so the ingestion pipeline optimizes once per run
   * that wrote, never per file.
   */
  get hasUnoptimizedWrites(): boolean {
    return this.#unoptimizedWrites > 0;
  }

  /** Compacts fragments, folds new rows into the indexes and prunes versions older than `versionRetentionMs`. */
  optimize(options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#write(async () => {
      await optimizeTables([this.#documents, this.#chunks], this.#versionRetentionMs);
      this.#unoptimizedWrites = 0; // writes are serialized: none ran meanwhile
    }, options.signal);
  }

  /**
   * Makes removed rows gone from disk, not just invisible: a delete in LanceDB only marks rows in a
   * deletion file (their text stays in the data file, shared with other documents once compacted)
   * and every older version keeps them. So each table is rewritten from its live rows and every
   * version but the new one is pruned. Indexes go with the rewrite: the FTS index is rebuilt here,
   * the vector index by the next ingest (search is exact, only slower, meanwhile). Costs a full
   * read and write of the index: it runs after a removal, not after every write.
   */
  erase(options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.#write(async () => {
      await eraseRemovedRows([this.#documents, ...(await this.#allChunkTables())], this.#chunks);
      this.#unoptimizedWrites = 0;
    }, options.signal);
  }

  /**
   * Refuses writes that have not started, waits for the one running, then closes the tables and the
   * connection. It does not wait for a vector index build: that cannot be interrupted and may take
   * minutes, and the engine's shutdown must not (its supervisor kills it after 5 s). That is safe
   * because LanceDB commits the index atomically at the end: a build cut short by the process
   * exiting leaves no index, flat search stays correct, and the next ingest builds it again.
   */
  async close(): Promise<void> {
    const db = this.#db;
    if (!db) return;
    this.#db = undefined;
    await this.#writes.close();
    this.#documents.close();
    this.#chunks.close();
    db.close();
  }

  async #allChunkTables(): Promise<Table[]> {
    const db = this.#open();
    // This store's own table always: some S3-compatible servers list no tables at all.
    const names = new Set([this.chunksTableName, ...(await db.tableNames()).filter((n) => n.startsWith(CHUNKS_TABLE_PREFIX))]);
    return Promise.all([...names].map((n) => (n === this.chunksTableName ? this.#chunks : db.openTable(n))));
  }

  async #putDocument(doc: DocumentRecord): Promise<void> {
    await this.#documents.mergeInsert("id").whenMatchedUpdateAll().whenNotMatchedInsertAll().execute([documentRow(doc)]);
  }

  /** A write that adds or deletes rows (see `hasUnoptimizedWrites`). */
  #dataWrite<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#write(() => {
      this.#unoptimizedWrites++;
      return fn();
    }, signal);
  }

  /**
   * Runs `fn` after every earlier write. While it waits, `signal` (or close()) cancels it: it then
   * rejects at once and never runs. Once started it runs to the end, whatever the signal says.
   */
  #write<T>(fn: () => Promise<T>, signal?: AbortSignal, background = false): Promise<T> {
    this.#open();
    return this.#writes.run(fn, signal, background);
  }

  #open(): Connection {
    if (!this.#db) throw new EngineError("INTERNAL", "The RAG store is closed.");
    return this.#db;
  }
}

/**
 * Deletes the rows `filter` matches, if there are any. LanceDB commits a new table version even for
 * a delete that matches nothing (12 ms a commit measured, against 2 ms for counting the same filter),
 * and a new document's write runs two such sweeps: skipping them changes no row.
 */
async function deleteIfAny(table: Table, filter: string): Promise<void> {
  if ((await table.countRows(filter)) > 0) await table.delete(filter);
}
