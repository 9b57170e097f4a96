// Upgrading a RAG store written by an older Enclave: the marker (store-marker.ts) says which schema
// the store holds; each step of MIGRATIONS upgrades it by one, and the marker is written back only
// once every step has run. A newer store, or tables with no marker, are refused rather than guessed at.
import type { Connection } from "@lancedb/lancedb";
import { EngineError } from "../../contract/errors.ts";
import { CHUNKS_TABLE_PREFIX, SCHEMA_VERSION } from "./schema.ts";
import { SEARCH_COLUMNS } from "./search-columns.ts";
import type { MarkerPlace } from "./store-marker.ts";

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
