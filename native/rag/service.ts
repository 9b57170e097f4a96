// The one owner of the document index and the models behind it: the RagStore at <dataDir>/rag/,
// the Embedder named by settings.embeddingModel (loaded on first use, swapped when the setting
// changes) and the optional CrossEncoder of settings.rerankerModel. Ingest, search, listings and
// removals go through here; dispose() frees all of it.
//
// Embedder switch: each embedder has its own chunks table, so vectors never mix. A switch takes
// effect at the next ingest or search once no operation is using the old one. Documents indexed
// with the previous embedder are not in the new table: search does not see them until the next
// ingest of their collection, which re-indexes every unchanged file whose chunks are in another
// table (outcome "updated", warning "Re-indexed for the current embedding model").
//
// A team index (`index` option, ENCLAVE_RAG_URI): the whole document index lives on object storage
// (s3://…) that several engines share. Then this engine does not sweep leftovers or mark
// "ingesting" documents failed when it opens the index (they may be another engine's ingest in
// flight). Each document's ingest record (format, OCR pages, warnings, embedder, chunker) lives in
// its documents row (RAG schema 3), so team members see each other's; the old per-machine sidecar,
// <dataDir>/rag-team/ingest-meta.json, is imported once (legacy-meta-import.ts).
//
// The vector index: an ingest returns once its rows are written and the full-text index is current;
// the IVF_PQ index (due from 20,000 rows) is then built in the background (vector-index-builds.ts)
// and announced through the ingest caller's `onNotice`.
//
// Opened on first use: LanceDB (and apache-arrow under it) loads, the index opens, leftovers are
// swept and interrupted ingests marked failed at the first call that needs documents, not at engine
// start, so a command that never touches documents (`enclave engine info`) does not pay for them.
import { availableParallelism } from "node:os";
import { Mutex } from "../util/mutex.ts";
import { join } from "node:path";
import type { CollectionInfo, DocumentInfo, IngestFileResult, SearchHit, SearchMode } from "../contract/rag.ts";
import type { Settings } from "../contract/settings.ts";
import { EngineError } from "../contract/errors.ts";
import type { LlamaRuntime } from "../inference/llama-runtime.ts";
import type { ModelLibrary } from "../models/library.ts";
import { Converters } from "./convert/index.ts";
import { Embedder } from "./embed/index.ts";
import type { DocumentRecord, RagStore } from "./index/index.ts";
import { VectorIndexBuilds, type Notify } from "./index/vector-index-builds.ts";
import { sql } from "./index/sql.ts";
import { samplePassages } from "./sample-passages.ts";
import { importLegacyMeta, ingestPaths, type IngestProgress } from "./ingest/index.ts";
import { CrossEncoder } from "./retrieve/cross-encoder.ts";
import type { Retriever } from "./retrieve/retriever.ts";
import { loadIndexModules } from "./index-modules.ts";
import { CollectionLanguages } from "./retrieve/collection-languages.ts";
import { multiQuerySearch, type Generate } from "./retrieve/multi-query.ts";
import { removeUploadCopies } from "./uploads.ts";

export interface RagServiceOptions {
  dataDir: string;
  runtime: LlamaRuntime;
  library: Pick<ModelLibrary, "resolve" | "hash">;
  settings: () => Settings;
  /** Threads for the embedding / reranking contexts (ENCLAVE_THREADS). */
  forcedThreads?: number;
  /** Rows from which a chunks table gets its vector index (RagStore's default: 20,000). For tests. */
  vectorIndexThreshold?: number;
  /** A team index on object storage instead of <dataDir>/rag (see the file's head). */
  index?: { uri: string; storageOptions: Record<string, string> };
  /** Where notes for the engine's log go (the old sidecar's import); default stderr. */
  log?: (line: string) => void;
  /**
   * The loaded chat model as a text generator, or null when none is loaded: used to rewrite
   * questions when settings.multiQuery is on and there is no embedding model.
   */
  rewriter?: () => Generate | null;
}

interface Resources {
  key: string;
  store: RagStore;
  embedder: Embedder | null;
  crossEncoder: CrossEncoder | null;
  retriever: Retriever;
}

export class RagService {
  readonly dir: string;
  readonly #options: RagServiceOptions;
  /** Where an index from before RAG schema 3 kept its ingest records (ingest-meta.json). */
  readonly #legacyMetaDir: string;
  /** Null until the first call that needs the index (see the file's head). */
  #res: Resources | null = null;
  /** Operations running on the current resources (an embedder switch waits until there are none). */
  readonly #active = new Set<Promise<unknown>>();
  readonly #switching = new Mutex();
  readonly #ingestLock = new Mutex();
  #disposed = false;
  /** Aborted by dispose(): store writes still waiting (behind a vector index build) give up. */
  readonly #closing = new AbortController();
  readonly #indexBuilds = new VectorIndexBuilds();
  readonly #languages = new CollectionLanguages();
  /** The converter worker threads: ingestion and the source viewer read files through them. */
  readonly converters = new Converters();

  /** Whether the index is a team index shared with other engines (not this user's alone). */
  get shared(): boolean {
    return this.#options.index !== undefined;
  }

  private constructor(options: RagServiceOptions) {
    this.dir = options.index?.uri ?? join(options.dataDir, "rag");
    this.#options = options;
    this.#legacyMetaDir = options.index ? join(options.dataDir, "rag-team") : join(options.dataDir, "rag");
  }

  /** The index itself opens on first use (see the file's head). */
  static open(options: RagServiceOptions): Promise<RagService> {
    return Promise.resolve(new RagService(options));
  }

  /**
   * Ingests files and folders into `collection` (one ingest at a time; a second one waits). When the
   * run makes a vector index due, it is built after this returns; `onNotice` hears about that build.
   */
  ingest(
    paths: readonly string[],
    collection: string,
    options: { ocr?: boolean; signal?: AbortSignal; onProgress?: (event: IngestProgress) => void; onNotice?: Notify } = {},
  ): Promise<{ collection: string; files: IngestFileResult[]; cancelled: boolean; vectorIndexBuilding: boolean }> {
    return this.#ingestLock.run(() =>
      this.#use(async (res) => {
        if (options.signal?.aborted) return { collection, files: [], cancelled: true, vectorIndexBuilding: false };
        const signal = options.signal ? AbortSignal.any([options.signal, this.#closing.signal]) : this.#closing.signal;
        const result = await ingestPaths({ store: res.store, embedder: res.embedder, converters: this.converters }, paths, collection, {
          ocr: options.ocr ?? this.#options.settings().ocr,
          signal,
          onProgress: options.onProgress,
        });
        const vectorIndexBuilding = !result.cancelled && (await res.store.vectorIndexDue()) !== null;
        if (vectorIndexBuilding) void this.#indexBuilds.schedule(res.store, options.onNotice ?? (() => undefined));
        return { collection, ...result, vectorIndexBuilding };
      }),
    );
  }

  search(
    query: string,
    options: { k?: number; collection?: string; documentIds?: string[]; mode?: SearchMode; signal?: AbortSignal } = {},
  ): Promise<{ hits: SearchHit[]; mode: SearchMode }> {
    return this.#use(async (res) => {
      const mode = options.mode ?? (res.embedder ? "hybrid" : "fulltext");
      const limit = options.k ?? 8;
      const searchOne = (q: string) =>
        res.retriever.search(q, {
          limit,
          mode,
          ...(options.collection !== undefined && { collection: options.collection }),
          ...(options.documentIds && { documentIds: options.documentIds }),
          ...(options.signal && { signal: options.signal }),
        });
      // Multi-query (off by default): only where words alone must carry the search across languages.
      const generate = this.#options.settings().multiQuery && mode === "fulltext" && !res.embedder ? (this.#options.rewriter?.() ?? null) : null;
      const languages = generate ? await this.#languages.get(res.store, options.collection) : [];
      const results = generate && languages.length > 0
        ? (await multiQuerySearch(query, languages, { generate, search: searchOne, keyOf: (r) => r.chunkId }, { limit, ...(options.signal && { signal: options.signal }) })).results
        : await searchOne(query);
      const hits = results.map(({ path, ...r }) => ({ ...r, file: path }));
      return { hits, mode };
    });
  }

  documents(collection?: string): Promise<DocumentInfo[]> {
    return this.#use(async (res) => (await this.#listed(res, collection)).map(({ info }) => info));
  }

  collections(): Promise<CollectionInfo[]> {
    return this.#use(async (res) => collectionsOf(await this.#listed(res), res.store.embedder?.embedderId ?? null));
  }

  /** Each document as listed, with its ingest record's embedder (undefined: no record) from the same read. */
  async #listed(res: Resources, collection?: string): Promise<Listed[]> {
    const docs = await res.store.listDocuments(collection === undefined ? {} : { collection });
    const counts = await this.#visibleChunks(res, collection);
    return docs.map((d) => {
      const { meta } = d;
      const info: DocumentInfo = {
        id: d.id,
        path: d.path,
        sha256: d.sha256,
        sizeBytes: d.size,
        mtimeMs: d.mtime,
        collection: d.collection,
        format: meta?.format ?? null,
        status: d.status,
        error: d.error,
        pages: d.pages,
        ocrPages: meta?.ocrPages ?? 0,
        warnings: meta?.warnings ?? [],
        chunks: d.status === "ready" ? (counts.get(`${d.id}\u0000${d.version}`) ?? 0) : 0,
        ingestedAt: d.ingestedAt === null ? null : new Date(d.ingestedAt).toISOString(),
      };
      return { info, recordEmbedder: meta ? meta.embedderId : undefined };
    });
  }

  /** One document's index record and format, or undefined when no document has that id (the source viewer). */
  document(documentId: string): Promise<{ record: DocumentRecord; format: string | null } | undefined> {
    return this.#use(async (res) => {
      const record = await res.store.getDocument(documentId);
      return record && { record, format: record.meta?.format ?? null };
    });
  }

  /** About `maxChars` of a collection's indexed text, in a stable order (the quant lab's sample). */
  samplePassages(collection: string, maxChars: number): Promise<string[]> {
    return this.#use((res) => samplePassages(res.store, collection, maxChars));
  }

  /** Whether a vector index build is queued or running. */
  get vectorIndexBuilding(): boolean {
    return this.#indexBuilds.active;
  }

  removeDocument(documentId: string): Promise<{ removed: boolean; chunks: number }> {
    return this.#use(async (res) => {
      const doc = await res.store.getDocument(documentId);
      if (!doc) return { removed: false, chunks: 0 };
      const { chunksDeleted } = await res.store.deleteDocument(documentId, { signal: this.#closing.signal });
      await this.#eraseRemoved(res, [doc.path]);
      return { removed: true, chunks: chunksDeleted };
    });
  }

  deleteCollection(collection: string): Promise<{ documents: number; chunks: number }> {
    return this.#use(async (res) => {
      const docs = await res.store.listDocuments({ collection });
      let chunks = 0;
      for (const doc of docs) chunks += (await res.store.deleteDocument(doc.id, { signal: this.#closing.signal })).chunksDeleted;
      await this.#eraseRemoved(res, docs.map((d) => d.path));
      return { documents: docs.length, chunks };
    });
  }

  /**
   * Once a removal is committed: the removed text leaves the index files and old versions, and the
   * uploaded copies of removed documents (no other document refers to) are deleted.
   */
  async #eraseRemoved(res: Resources, paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    await res.store.erase({ signal: this.#closing.signal });
    // The rewrite dropped the vector index: rebuild it in the background if the table still needs one.
    if ((await res.store.vectorIndexDue()) !== null) void this.#indexBuilds.schedule(res.store, () => undefined);
    const stillUsed = new Set((await res.store.listDocuments()).map((d) => d.path));
    await removeUploadCopies(this.#options.dataDir, paths, stillUsed);
  }

  /**
   * Cancels what waits on the index (an ingest, a removal queued behind a vector index build), waits
   * for running operations, then closes the index and frees the models and converters. A vector
   * index build still running is not waited for (see RagStore.close: it commits atomically).
   */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#indexBuilds.stop();
    this.#closing.abort(new EngineError("ABORTED", "The engine is shutting down."));
    await this.#ingestLock.drained();
    await this.#switching.drained();
    await Promise.allSettled(this.#active);
    if (this.#res) await freeResources(this.#res);
    await this.converters.dispose();
  }

  // ---- resources ---------------------------------------------------------------------------

  /** Runs `fn` with the current resources, switching embedder first when the settings changed and nothing else is using them. */
  async #use<T>(fn: (res: Resources) => Promise<T>): Promise<T> {
    if (this.#disposed) throw new EngineError("ENGINE_UNAVAILABLE", "The document index is closed.");
    const res = await this.#switching.run(() => this.#maybeSwitch());
    const running = fn(res);
    this.#active.add(running);
    try {
      return await running;
    } finally {
      this.#active.delete(running);
    }
  }

  /** Opens the index at the first call: LanceDB loads now, leftovers of a crash are swept. */
  async #openIndex(): Promise<Resources> {
    const { RagStore, Retriever } = await loadIndexModules();
    const { index } = this.#options;
    const store = await RagStore.open(this.dir, { embedder: null, ...(index && { storageOptions: index.storageOptions }) });
    try {
      // An index from before schema 3: its ingest records come in from the old sidecar, once.
      await importLegacyMeta(store, this.#legacyMetaDir, this.#options.log);
      if (!index) {
        await store.sweepOrphans();
        for (const doc of await store.listDocuments({ status: "ingesting" })) {
          await store.markDocument(doc, "failed", "Ingestion was interrupted (the engine stopped); ingest again to finish it.");
        }
      }
    } catch (err) {
      await store.close();
      throw err;
    }
    return { key: keyOf(null, null), store, embedder: null, crossEncoder: null, retriever: new Retriever(store) };
  }

  /** The resources to use now: opened at the first call, switched when the settings changed and nothing else is using them. */
  async #maybeSwitch(): Promise<Resources> {
    this.#res ??= await this.#openIndex();
    const { embeddingModel, rerankerModel } = this.#options.settings();
    const key = keyOf(embeddingModel, rerankerModel);
    if (key === this.#res.key || this.#active.size > 0) return this.#res; // busy: the switch happens at the next call after
    const { runtime, library, forcedThreads } = this.#options;
    const { RagStore, Retriever } = await loadIndexModules();
    // Never node-llama-cpp's default budget (4 threads on a 2-core machine is hundreds of times
    // slower): embedding is batch prompt processing, which scales up to the machine's cores.
    const threads = { threads: forcedThreads ?? this.#options.settings().threads ?? availableParallelism() };
    let embedder: Embedder | null = null;
    let crossEncoder: CrossEncoder | null = null;
    let store: RagStore | undefined;
    try {
      if (embeddingModel) {
        const entry = await library.resolve(embeddingModel);
        const { sha256 } = await library.hash(embeddingModel);
        embedder = this.#res.embedder?.embedderId.startsWith(`${sha256}:`) ? this.#res.embedder : await Embedder.load({ runtime, modelPath: entry.path, modelSha256: sha256, ...threads });
      }
      if (rerankerModel) {
        const entry = await library.resolve(rerankerModel);
        crossEncoder = await CrossEncoder.load({ runtime, modelPath: entry.path, ...threads });
      }
      const spec = embedder ? { embedderId: embedder.embedderId, dims: embedder.dims } : null;
      store = spec?.embedderId === this.#res.store.embedder?.embedderId ? this.#res.store : await RagStore.open(this.dir, { embedder: spec, vectorIndexThreshold: this.#options.vectorIndexThreshold, ...(this.#options.index && { storageOptions: this.#options.index.storageOptions }) });
    } catch (err) {
      if (embedder && embedder !== this.#res.embedder) await embedder.dispose();
      await crossEncoder?.dispose();
      throw err;
    }
    const old = this.#res;
    this.#res = { key, store, embedder, crossEncoder, retriever: new Retriever(store, { embedder, crossEncoder }) };
    if (old.store !== store) await old.store.close();
    if (old.embedder && old.embedder !== embedder) await old.embedder.dispose();
    await old.crossEncoder?.dispose();
    return this.#res;
  }

  /** Visible chunks per `${documentId}\0${docVersion}` in the current table. */
  async #visibleChunks(res: Resources, collection?: string): Promise<Map<string, number>> {
    let q = res.store.chunks.query().select(["documentId", "docVersion"]);
    if (collection !== undefined) q = q.where(`collection = ${sql(collection)}`);
    const counts = new Map<string, number>();
    for (const r of await q.toArray()) {
      const key = `${String(r.documentId)}\u0000${Number(r.docVersion)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
}

function keyOf(embeddingModel: string | null, rerankerModel: string | null): string {
  return JSON.stringify([embeddingModel, rerankerModel]);
}

async function freeResources(res: Resources): Promise<void> {
  await res.store.close();
  await res.embedder?.dispose();
  await res.crossEncoder?.dispose();
}

interface Listed {
  info: DocumentInfo;
  /** The embedder of the ingest record (null: full text only), or undefined when the row has none. */
  recordEmbedder: string | null | undefined;
}

/** Collections from the listed documents; a collection's embedder is the table its first ready
 *  document's current generation was written to (from the ingest record, else `current` when it has chunks). */
function collectionsOf(listed: readonly Listed[], current: string | null): CollectionInfo[] {
  const byName = new Map<string, CollectionInfo>();
  for (const { info: d } of listed) {
    const c = byName.get(d.collection) ?? { name: d.collection, documents: 0, failed: 0, chunks: 0, embedderId: null };
    c.documents++;
    if (d.status === "failed") c.failed++;
    c.chunks += d.chunks;
    byName.set(d.collection, c);
  }
  for (const { info: d, recordEmbedder } of listed) {
    const c = byName.get(d.collection)!;
    if (c.embedderId !== null || d.status !== "ready") continue;
    c.embedderId = recordEmbedder !== undefined ? recordEmbedder : d.chunks > 0 ? current : null;
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
