// The persisted shape of the RAG index, written down (never inferred from a first insert) and
// versioned. Bump SCHEMA_VERSION when a column changes and add a step to MIGRATIONS (store-migration.ts).
import { type DataType, Field, FixedSizeList, Float32, Float64, Int32, Int64, List, Schema, Utf8 } from "apache-arrow";
import { EngineError } from "../../contract/errors.ts";
import { SEARCH_COLUMNS } from "./search-columns.ts";

export const SCHEMA_VERSION = 3;
export const SCHEMA_VERSION_KEY = "enclave.rag.schemaVersion";

export const DOCUMENTS_TABLE = "documents";
/** Chunks stored for full-text search only (no embedder configured). */
export const FULLTEXT_CHUNKS_TABLE = "chunks_fulltext";
export const CHUNKS_TABLE_PREFIX = "chunks_";

export type DocumentStatus = "ingesting" | "ready" | "failed";

export function documentsSchema(): Schema {
  return new Schema(
    [
      new Field("id", new Utf8(), false),
      new Field("path", new Utf8(), false),
      new Field("sha256", new Utf8(), false),
      new Field("size", new Int64(), false),
      /** Epoch milliseconds. */
      new Field("mtime", new Float64(), false),
      new Field("collection", new Utf8(), false),
      new Field("status", new Utf8(), false),
      new Field("error", new Utf8(), true),
      new Field("pages", new Int32(), false),
      /** Epoch milliseconds of the last successful ingest; null before one. */
      new Field("ingestedAt", new Float64(), true),
      /** The chunk generation readers may see (chunks.docVersion must equal it). 0 = none yet. */
      new Field("version", new Int32(), false),
      ...documentMetaFields(),
    ],
    new Map([[SCHEMA_VERSION_KEY, String(SCHEMA_VERSION)]]),
  );
}

/**
 * Schema 3: what the ingest recorded about the visible generation (`version`), written in the same
 * single-row commit as the flip, so it always describes the chunks readers see. All null when no
 * ingest recorded it (`chunker` null = unknown: a row written before schema 3 and not imported from
 * the old ingest-meta.json sidecar). Nullable, so the upgrade can add them to existing rows.
 */
export function documentMetaFields(arrow: ArrowTypes = { Field, Int32, List, Utf8 }): Field<DataType>[] {
  const { Field: F, Int32: I, List: L, Utf8: U } = arrow;
  return [
    /** The embedder whose chunks table holds this generation; null for full-text only. */
    new F("embedderId", new U(), true),
    /** The converter's format name (pdf, docx, markdown…). */
    new F("format", new U(), true),
    /** Pages read by OCR. */
    new F("ocrPages", new I(), true),
    /** The converter's warnings. */
    new F("warnings", new L(new F("item", new U(), true)), true),
    /** The chunker version (CHUNKER_VERSION) this generation was cut with. */
    new F("chunker", new I(), true),
  ];
}

/** The Arrow classes a schema is built from: ours (ESM), or the CommonJS copy LanceDB's own checks
 *  know (store-migration.ts). */
export type ArrowTypes = Pick<typeof import("apache-arrow"), "Field" | "Int32" | "List" | "Utf8">;

/** `dims` null: the full-text-only table, which has no vector column. */
export function chunksSchema(dims: number | null): Schema {
  const fields: Field<DataType>[] = [
    new Field("id", new Utf8(), false),
    new Field("documentId", new Utf8(), false),
    new Field("docVersion", new Int32(), false),
    new Field("chunkIndex", new Int32(), false),
    new Field("collection", new Utf8(), false),
    new Field("text", new Utf8(), false),
    new Field("pageStart", new Int32(), false),
    new Field("pageEnd", new Int32(), false),
    new Field("charStart", new Int32(), false),
    new Field("charEnd", new Int32(), false),
    new Field("headingPath", new List(new Field("item", new Utf8(), true)), false),
    new Field("embedderId", new Utf8(), true),
    // Schema 2: what the full-text indexes read, once per analysed language (search-columns.ts).
    ...SEARCH_COLUMNS.map((c) => new Field(c.column, new Utf8(), false)),
  ];
  if (dims !== null) fields.splice(6, 0, new Field("vector", new FixedSizeList(dims, new Field("item", new Float32(), true)), false));
  return new Schema(fields, new Map([[SCHEMA_VERSION_KEY, String(SCHEMA_VERSION)]]));
}

/** The identity of an embedder's vectors, as the Embedder writes it: `<sha256 hex>:<dims>`. */
export interface EmbedderSpec {
  embedderId: string;
  dims: number;
}

/** `chunks_<first 12 hex of the model sha>_<dims>`: vectors of different embedders never share a table. */
export function chunksTableName(embedder: EmbedderSpec | null): string {
  if (embedder === null) return FULLTEXT_CHUNKS_TABLE;
  const m = /^([0-9a-f]{64}):(\d+)$/.exec(embedder.embedderId);
  if (!m || Number(m[2]) !== embedder.dims) {
    throw new EngineError("INVALID_INPUT", `embedderId must be "<sha256>:<dims>" matching dims ${embedder.dims} (got ${embedder.embedderId})`);
  }
  return `${CHUNKS_TABLE_PREFIX}${m[1]!.slice(0, 12)}_${embedder.dims}`;
}
