// Upgrading a RAG store written by an older Enclave: the marker (store-marker.ts) says which schema
// the store holds; each step of MIGRATIONS upgrades it by one, and the marker is written back only
// once every step has run. A newer store, or tables with no marker, are refused rather than guessed at.
import type { Connection } from "@lancedb/lancedb";
import { createRequire } from "node:module";
import { EngineError } from "../../contract/errors.ts";
import { type ArrowTypes, CHUNKS_TABLE_PREFIX, DOCUMENTS_TABLE, documentMetaFields, SCHEMA_VERSION } from "./schema.ts";
import { SEARCH_COLUMNS } from "./search-columns.ts";
import { openIfExists, type MarkerPlace } from "./store-marker.ts";

// LanceDB's addColumns tells Arrow fields from SQL expressions by `instanceof` against the CommonJS
// apache-arrow it requires; fields from our ESM import of the same package are other classes to it
// ("Missing field `valueSql`"). New columns are therefore built from that CommonJS copy.
const lanceArrow = (): ArrowTypes => createRequire(import.meta.url)("apache-arrow") as ArrowTypes;

/** Upgrades a store written at `from` to `from + 1`. */
type Migration = (db: Connection) => Promise<void>;
export const MIGRATIONS: Record<number, Migration> = {
  // 1 → 2: the per-language search columns, filled with each passage's text (its headings and
  // document context come with the next ingest, which re-cuts it: CHUNKER_VERSION 3); the FTS index
  // on `text` goes, the search columns' indexes are built by the next refreshIndexes().
  1: async (db) => {
    for (const name of (await db.tableNames()).filter((n) => n.startsWith(CHUNKS_TABLE_PREFIX))) {
      const table = await db.openTable(name);
      try {
        const have = new Set((await table.schema()).fields.map((f) => f.name));
        const add = SEARCH_COLUMNS.filter((c) => !have.has(c.column)).map((c) => ({ name: c.column, valueSql: "text" }));
        if (add.length) await table.addColumns(add);
        for (const index of await table.listIndices()) if (index.columns.includes("text")) await table.dropIndex(index.name);
      } finally {
        table.close();
      }
    }
  },
  // 2 → 3: the ingest record of each document's visible generation (embedder, format, OCR pages,
  // warnings, chunker) moves from the unversioned ingest-meta.json beside the index into the
  // documents row, so the flip writes it in the same commit. The columns start null ("not
  // recorded"); the sidecar's entries are imported by RagService (legacy-meta-import.ts), which knows
  // where that file lives (a team index keeps it on each machine, not in the store).
  2: async (db) => {
    const table = await openIfExists(db, DOCUMENTS_TABLE);
    if (!table) return;
    try {
      const have = new Set((await table.schema()).fields.map((f) => f.name));
      const add = documentMetaFields(lanceArrow()).filter((f) => !have.has(f.name));
      if (add.length) await table.addColumns(add);
    } finally {
      table.close();
    }
  },
};

/** Reads the store's marker; refuses a newer format; runs migrations from an older one; writes it back. */
export async function migrate(location: string, db: Connection, place: MarkerPlace): Promise<void> {
  const meta = await place.read();
  if (meta && (meta.format !== "enclave-rag" || !Number.isInteger(meta.schemaVersion))) {
    throw new EngineError("UNSUPPORTED_FORMAT", `${place.where} is not an Enclave RAG index.`);
  }
  if (meta && meta.schemaVersion > SCHEMA_VERSION) {
    throw new EngineError("UNSUPPORTED_FORMAT", `The document index was written by a newer Enclave (schema ${meta.schemaVersion}; this one reads ${SCHEMA_VERSION}).`);
  }
  if (!meta && (await place.dataTables()).length > 0) {
    throw new EngineError("UNSUPPORTED_FORMAT", `${location} holds tables but no ${place.where}: not an Enclave RAG index.`);
  }
  for (let v = meta?.schemaVersion ?? SCHEMA_VERSION; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new EngineError("UNSUPPORTED_FORMAT", `No migration from RAG schema ${v}.`);
    await step(db);
  }
  if (meta?.schemaVersion !== SCHEMA_VERSION) await place.write({ format: "enclave-rag", schemaVersion: SCHEMA_VERSION });
}
