// The ingestion pipeline: expand paths → per file: stat → SHA-256 → skip if unchanged → convert →
// chunk → embed → write (one generation flip per document, see RagStore). Each file ends with its
// own result; one file's failure never stops the others. Cancelling stops between files and
// batches and returns what was done; nothing half-written is ever visible.
import { statRegularFile } from "../../util/regular-file.ts";
import type { IngestFileResult } from "../../contract/rag.ts";
import { EngineError, toWireError, type WireError } from "../../contract/errors.ts";
import { CHUNKER_VERSION, chunkDocumentCooperatively, dropRunningLines, withSearchText, type Chunk, type CountTokens } from "../chunk/index.ts";
import { sniffFile, type ConvertProgress, type ConvertedDocument, type Converters } from "../convert/index.ts";
import type { Embedder } from "../embed/index.ts";
import type { DocumentInput, DocumentRecord, RagStore } from "../index/index.ts";
import { sql } from "../index/sql.ts";
import { ConvertAhead, type KnownFile } from "./convert-ahead.ts";
import { expandPaths, isUnder } from "./expand.ts";
import { documentIdFor, sha256OfFile } from "./hash.ts";
import { contentIdentity, documentAtPath, exists } from "./identity.ts";
import { IngestProgressReporter, type IngestProgress } from "./progress.ts";

export interface IngestDeps {
  store: RagStore;
  /** null: full-text only (chunks sized by a word-based estimate, no vectors). */
  embedder: Embedder | null;
  /** The converter workers (owned by RagService). */
  converters: Converters;
}

export interface IngestOptions {
  ocr: boolean;
  signal?: AbortSignal;
  onProgress?: (event: IngestProgress) => void;
  /** Text-like files (TXT, MD, CSV, HTML) larger than this fail as too large. Default 32 MiB. */
  maxTextBytes?: number;
  /** Texts per embedding call (a cancellation point and a progress report). Default 16. */
  embedBatch?: number;
}

export interface IngestRun {
  files: IngestFileResult[];
  cancelled: boolean;
}

export const DEFAULT_MAX_TEXT_BYTES = 32 * 1024 * 1024;
const TEXT_FORMATS = new Set(["text", "markdown", "csv", "html"]);

/** Tokens of a text without a tokenizer: words and punctuation runs, a little generous. */
export const estimateTokens: CountTokens = (text) => {
  const pieces = text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu);
  return pieces ? Math.ceil(pieces.length * 1.15) : 0;
};

/** Chunk sizes: ~320 tokens (fewer when the embedding context is small), 15% overlap. */
export function chunkSizes(embedder: Pick<Embedder, "contextSize"> | null): { maxTokens: number; overlapTokens: number } {
  const maxTokens = embedder ? Math.max(32, Math.min(320, embedder.contextSize - 32)) : 320;
  return { maxTokens, overlapTokens: Math.round(maxTokens * 0.15) };
}

export async function ingestPaths(deps: IngestDeps, paths: readonly string[], collection: string, options: IngestOptions): Promise<IngestRun> {
  const { store } = deps;
  const signal = options.signal;
  const expanded = await expandPaths(paths, { signal });
  const results: IngestFileResult[] = expanded.failures.map((f) => failedResult(f.path, f.error, 0));
  const progress = new IngestProgressReporter(expanded.files.length, (e) => options.onProgress?.(e));
  const cancelled = () => signal?.aborted === true;

  // While a file converts and is then chunked, embedded and written, the next ones are already
  // converting: as many as the converter workers allowed. The slots cap how many convert at once;
  // one file more than that is started so that when the current file's conversion ends (and it is
  // indexed on this thread) every worker still has a file — with one fewer, a long file (a 311-page
  // manual) left the other core idle once the single file ahead of it was done.
  const maxTextBytes = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const ahead = new ConvertAhead(deps.converters, { ocr: options.ocr, ...(signal && { signal }), maxTextBytes, textFormats: TEXT_FORMATS });
  const known = new Map<string, KnownFile>((await store.listDocuments({ collection })).map((d) => [d.path, d]));
  try {
    for (const [i, path] of expanded.files.entries()) {
      if (cancelled()) break;
      const converting = () => {
        const depth = Math.max(1, deps.converters.slots.allowed);
        for (const next of expanded.files.slice(i + 1, i + 1 + depth)) ahead.start(next, known.get(next));
      };
      const result = await ingestOne(deps, path, collection, options, progress, ahead, converting);
      await ahead.drop(path);
      results.push(result);
      if (result.error?.code === "ABORTED") break;
    }
  } finally {
    await ahead.dispose();
  }

  if (!cancelled()) {
    // Files that were under a folder given now and no longer exist: their documents go.
    const found = new Set(expanded.files);
    const unreadable = new Set(expanded.failures.map((f) => f.path));
    for (const doc of await store.listDocuments({ collection })) {
      if (found.has(doc.path) || !expanded.folders.some((folder) => isUnder(doc.path, folder))) continue;
      if ([...unreadable].some((p) => doc.path === p || isUnder(doc.path, p))) continue; // unreadable ≠ deleted
      if (await exists(doc.path)) continue; // still there (hidden, or skipped for another reason)
      const started = Date.now();
      const { chunksDeleted } = await store.deleteDocument(doc.id, { signal });
      results.push({ ...emptyResult(doc.path, started), outcome: "removed", documentId: doc.id, pages: doc.pages, chunks: chunksDeleted });
    }
  }

  const wasCancelled = cancelled() || results.some((r) => r.error?.code === "ABORTED");
  // Once per run that wrote (each file's writes are table versions and small fragments): compact,
  // fold the new rows into existing indexes, prune old versions. A cancelled run returns at once;
  // the next run does it, as it does when a vector index build still holds the store (a run that
  // wrote nothing after it, e.g. all files unchanged, must not wait minutes to compact).
  if (store.hasUnoptimizedWrites && !wasCancelled && !store.vectorIndexBuilding) {
    try {
      await store.optimize({ signal });
    } catch {
      // uncompacted fragments are slower to scan, still correct; the next run retries
    }
  }
  try {
    // The FTS index, once there are rows; new rows stay searchable before it. The vector index is
    // not built here: it can take minutes, so RagService builds it after this run has returned.
    await store.refreshIndexes({ signal });
  } catch {
    // an index build failing leaves search on unindexed rows: slower, still correct
  }
  return { files: results, cancelled: wasCancelled };
}

async function ingestOne(
  deps: IngestDeps,
  path: string,
  collection: string,
  options: IngestOptions,
  progress: IngestProgressReporter,
  ahead: ConvertAhead,
  /** Called when this file starts converting (the next files' conversions start beside it). */
  converting: () => void,
): Promise<IngestFileResult> {
  const { store, embedder, converters } = deps;
  const started = Date.now();
  let id = documentIdFor(collection, path);
  let input: DocumentInput | undefined;
  let existing: DocumentRecord | undefined;
  let marked = false;
  let renamedFrom: string | null = null;
  try {
    progress.update(path, "hashing", 0);
    const info = await statRegularFile(path);
    existing = await documentAtPath(store, id, collection, path);
    if (existing) id = existing.id;
    input = { id, path, sha256: "", size: info.size, mtime: info.mtimeMs, collection, pages: 0 };
    const sha256 = await sha256OfFile(path, { signal: options.signal, onBytes: (done) => progress.update(path, "hashing", info.size ? done / info.size : 1) });
    input = { ...input, sha256 };

    // Identity by content: these bytes may already be indexed under another path.
    const identity = await contentIdentity(store, collection, path, sha256, existing);
    if (identity.kind !== "own" && existing) {
      // What this path held before is no longer its content: that older document goes.
      await store.deleteDocument(existing.id, { signal: options.signal });
    }
    if (identity.kind === "duplicate") {
      const { twin } = identity;
      progress.finish(path, "skipped");
      const m = twin.meta;
      const warning = `Same content as ${twin.path}, already in this collection: indexed once.`;
      return { ...emptyResult(path, started), outcome: "unchanged", documentId: twin.id, pages: twin.pages, ocrPages: m?.ocrPages ?? 0, chunks: await store.countChunks(`\`documentId\` = ${sql(twin.id)} AND \`docVersion\` = ${twin.version}`), warnings: [warning] };
    }
    if (identity.kind === "renamed") {
      renamedFrom = identity.twin.path;
      existing = await store.relocateDocument(identity.twin.id, { path, size: info.size, mtime: info.mtimeMs }, { signal: options.signal });
      id = existing.id;
      input = { ...input, id };
    }

    // Unchanged: same content, and its chunks are in this embedder's table (an embedder switch re-indexes).
    const chunksOf = (v: number) => store.countChunks(`\`documentId\` = ${sql(id)} AND \`docVersion\` = ${v}`);
    const currentEmbedder = store.embedder?.embedderId ?? null;
    if (existing?.status === "ready" && existing.sha256 === sha256) {
      const m = existing.meta;
      const chunks = await chunksOf(existing.version);
      // No record (an index from before schema 3 whose sidecar was lost): chunks in this table say enough.
      if (m ? m.embedderId === currentEmbedder && m.chunker === CHUNKER_VERSION : chunks > 0) {
        progress.finish(path, "skipped");
        const moved = renamedFrom === null ? {} : { outcome: "renamed" as const, warnings: [`Renamed from ${renamedFrom}.`] };
        return { ...emptyResult(path, started), outcome: "unchanged", documentId: id, pages: existing.pages, ocrPages: m?.ocrPages ?? 0, chunks, ...moved };
      }
    }
    const reembed = existing?.status === "ready" && existing.sha256 === sha256;
    const previous = existing?.status === "ready" ? existing.meta : null;
    const rechunk = reembed && previous?.embedderId === currentEmbedder && previous.chunker !== CHUNKER_VERSION;
    // A new (or failed) document is recorded as ingesting first, so a crash leaves a row to redo.
    // A ready one keeps its old version visible until the flip.
    if (existing?.status !== "ready") {
      await store.markDocument(input, "ingesting", null, { signal: options.signal });
      marked = true;
    }

    // Checked (statRegularFile, hashed) and sniffed once: here, or by the conversion started ahead.
    const early = await ahead.take(path, info);
    const sniffed = early?.inspected.sniffed ?? (await sniffFile(path));
    if (sniffed.supported && TEXT_FORMATS.has(sniffed.format) && info.size > (options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES)) {
      throw new EngineError("INVALID_INPUT", `This file is too large to index (${Math.round(info.size / 1048576)} MB of text; the limit is ${Math.round((options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES) / 1048576)} MB).`, { reason: "too-large" });
    }

    progress.update(path, "parsing", 0);
    let ocrPages = 0;
    const onProgress = (p: ConvertProgress) => {
      if (p.page?.ocr) ocrPages++;
      const detail = p.unit === "page" ? { pagesDone: p.done, pagesTotal: p.total, ocrPages } : {};
      progress.update(path, p.page?.ocr ? "ocr" : "parsing", p.total ? p.done / p.total : null, detail);
    };
    const conversion = early?.result(onProgress) ?? converters.convertInspected(path, { size: info.size, sniffed }, { signal: options.signal, ocr: options.ocr, onProgress });
    converting();
    const doc: ConvertedDocument = await conversion;
    ocrPages = doc.pages.filter((p) => p.ocr).length;
    input = { ...input, pages: doc.pages.length };

    progress.update(path, "chunking", 0, { pagesDone: doc.pages.length, pagesTotal: doc.pages.length, ocrPages });
    const countTokens: CountTokens = embedder ? (t) => embedder.countTokens(t) : estimateTokens;
    // Running headers / footers stay out of the passages; their words become the document's context.
    const { blocks, context } = dropRunningLines(doc);
    const cut = await chunkDocumentCooperatively({ pages: doc.pages, blocks }, { countTokens, ...chunkSizes(embedder), pageBounded: true }, options.signal);
    const chunks: Chunk[] = withSearchText(cut, context);
    await yieldToEventLoop();

    let vectors: Float32Array[] | null = null;
    if (embedder) {
      progress.update(path, "embedding", 0, { chunksEmbedded: 0, chunksTotal: chunks.length });
      vectors = await embedder.embed(
        chunks.map((c) => c.text),
        {
          signal: options.signal,
          batchSize: options.embedBatch ?? 16,
          onProgress: ({ done, total }) => progress.update(path, "embedding", total ? done / total : 1, { chunksEmbedded: done, chunksTotal: total }),
        },
      );
    }
    if (options.signal?.aborted) throw new EngineError("ABORTED", "Cancelled.");

    progress.update(path, "writing", 0);
    // The record of this generation goes in with the flip: it always describes the visible chunks.
    const meta = { embedderId: currentEmbedder, format: doc.format, ocrPages, warnings: doc.warnings, chunker: CHUNKER_VERSION };
    const written = await store.upsertDocument(input, chunks, vectors, { signal: options.signal, meta });
    progress.finish(path, "done", { chunksEmbedded: chunks.length, chunksTotal: chunks.length });
    const reindexed = rechunk ? ["Re-indexed with this version's passages (each on one page, running headers left out)."] : reembed ? ["Re-indexed for the current embedding model."] : [];
    const warnings = [...doc.warnings, ...reindexed, ...(renamedFrom === null ? [] : [`Renamed from ${renamedFrom}.`])];
    return {
      ...emptyResult(path, started),
      outcome: existing?.status === "ready" ? "updated" : "added",
      documentId: id,
      pages: doc.pages.length,
      ocrPages,
      chunks: written.chunks,
      warnings,
    };
  } catch (err) {
    const error = toWireError(err);
    if (error.code === "ABORTED") {
      // Nothing of this file stays: a new document's row goes; an older ready version stays as it was.
      // Behind a vector index build that delete would wait minutes: it is queued instead (writes run
      // in order, so it still lands before any later one) and the cancelled run returns now.
      if (marked && existing?.status !== "ready") {
        const removal = store.deleteDocument(id).catch(() => undefined);
        if (!store.vectorIndexBuilding) await removal;
      }
      progress.finish(path, "skipped");
      return { ...emptyResult(path, started), outcome: "skipped", documentId: null, error: { code: error.code, message: error.message } };
    }
    if (input && error.code !== "NOT_FOUND") await store.markDocument(input, "failed", error.message, { signal: options.signal }).catch(() => undefined);
    progress.finish(path, "failed");
    return failedResult(path, error, started, input && error.code !== "NOT_FOUND" ? id : null);
  }
}

function emptyResult(path: string, started: number): IngestFileResult {
  return { path, outcome: "added", documentId: null, pages: 0, ocrPages: 0, chunks: 0, error: null, warnings: [], ms: started ? Date.now() - started : 0 };
}

function failedResult(path: string, error: WireError, started: number, documentId: string | null = null): IngestFileResult {
  return { ...emptyResult(path, started), outcome: "failed", documentId, error: { code: error.code, message: error.message } };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
