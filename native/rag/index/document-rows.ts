// The rows the store writes (schema.ts): a document's row in `documents` (what the store is given
// for a document, what it records, and the conversion both ways) and its chunks' rows under one
// generation (`docVersion`, see the atomicity note in store.ts). Schema 3: the row also holds what
// the ingest recorded about its visible generation (DocumentMeta, schema.ts documentMetaFields).
import type { Chunk } from "../chunk/types.ts";
import type { DocumentStatus } from "./schema.ts";
import { searchColumnsOf } from "./search-columns.ts";

export interface DocumentInput {
  id: string;
  path: string;
  sha256: string;
  size: number;
  /** Epoch milliseconds. */
  mtime: number;
  collection: string;
  pages: number;
}

/** What the ingest recorded about a document's visible generation (the documents list shows it; the
 *  embedder and chunker decide whether an unchanged file is skipped). */
export interface DocumentMeta {
  /** The embedder whose chunks table holds this generation; null for full-text only. */
  embedderId: string | null;
  format: string | null;
  ocrPages: number;
  warnings: string[];
  /** The chunker version (CHUNKER_VERSION) this generation was cut with. */
  chunker: number;
}

export interface DocumentRecord extends DocumentInput {
  status: DocumentStatus;
  error: string | null;
  ingestedAt: number | null;
  version: number;
  /** Null: not recorded (written before schema 3 and not imported from the old sidecar). */
  meta: DocumentMeta | null;
}

/** The row written for `doc` (`size` is an Int64 column). */
export function documentRow(doc: DocumentRecord): Record<string, unknown> {
  const { meta, ...row } = doc;
  return {
    ...row,
    size: BigInt(Math.trunc(doc.size)),
    embedderId: meta?.embedderId ?? null,
    format: meta?.format ?? null,
    ocrPages: meta?.ocrPages ?? null,
    warnings: meta?.warnings ?? null,
    chunker: meta?.chunker ?? null,
  };
}

function toMeta(r: Record<string, unknown>): DocumentMeta | null {
  if (r.chunker == null) return null;
  const warnings = r.warnings == null ? [] : Array.from(r.warnings as Iterable<unknown>, String);
  return {
    embedderId: r.embedderId == null ? null : String(r.embedderId),
    format: r.format == null ? null : String(r.format),
    ocrPages: r.ocrPages == null ? 0 : Number(r.ocrPages),
    warnings,
    chunker: Number(r.chunker),
  };
}

export function toDocument(r: Record<string, unknown>): DocumentRecord {
  return {
    id: String(r.id),
    path: String(r.path),
    sha256: String(r.sha256),
    size: Number(r.size),
    mtime: Number(r.mtime),
    collection: String(r.collection),
    pages: Number(r.pages),
    status: String(r.status) as DocumentStatus,
    error: r.error == null ? null : String(r.error),
    ingestedAt: r.ingestedAt == null ? null : Number(r.ingestedAt),
    version: Number(r.version),
    meta: toMeta(r),
  };
}

/** The chunks table's rows for `chunks` of `doc`, written as generation `version`. */
export function chunkRows(doc: DocumentInput, version: number, chunks: readonly Chunk[], vectors: readonly Float32Array[] | null, embedderId: string | null): Record<string, unknown>[] {
  return chunks.map((c, i) => ({
    id: `${doc.id}#${version}#${c.index}`,
    documentId: doc.id,
    docVersion: version,
    chunkIndex: c.index,
    collection: doc.collection,
    text: c.text,
    ...searchColumnsOf(c.searchText ?? c.text),
    ...(vectors ? { vector: vectors[i]! } : {}),
    pageStart: c.pageStart,
    pageEnd: c.pageEnd,
    charStart: c.charStart,
    charEnd: c.charEnd,
    headingPath: c.headingPath,
    embedderId,
  }));
}
