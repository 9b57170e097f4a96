// Where a RAG store keeps its format marker (format + schema version): beside the LanceDB folder as
// rag-meta.json for a local store (as it always has), and inside the store itself, as a one-row
// `enclave_meta` table, for a store on object storage (s3://, gs://, az://), so that every engine
// pointing at the same bucket reads and upgrades the same marker and no local file is needed.
import type { Connection, Table } from "@lancedb/lancedb";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EngineError } from "../../contract/errors.ts";
import { PRIVATE_FILE_MODE } from "../../util/private-fs.ts";

export const META_FILE = "rag-meta.json";
export const META_TABLE = "enclave_meta";

export interface StoreMarker {
  format: "enclave-rag";
  schemaVersion: number;
}

export interface MarkerPlace {
  /** Said in errors: the file, or the table at its URI. */
  where: string;
  read(): Promise<StoreMarker | undefined>;
  write(marker: StoreMarker): Promise<void>;
  /** Tables of the store other than the marker's own. */
  dataTables(): Promise<string[]>;
}

export function fileMarker(dir: string, db: Connection): MarkerPlace {
  const path = join(dir, META_FILE);
  return {
    where: path,
    async read() {
      try {
        return JSON.parse(await readFile(path, "utf8")) as StoreMarker;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw new EngineError("INTERNAL", `Unreadable ${META_FILE}: ${(err as Error).message}`, undefined, { cause: err });
      }
    },
    async write(marker) {
      const tmp = `${path}.tmp`;
      await writeFile(tmp, JSON.stringify(marker, null, 2), { mode: PRIVATE_FILE_MODE });
      await rename(tmp, path);
    },
    dataTables: () => db.tableNames(),
  };
}

/** Opens a table of an object store, or undefined when it does not exist. Listing tables is not
 *  relied on there: some S3-compatible servers (s3rver among them) list none. */
export async function openIfExists(db: Connection, name: string): Promise<Table | undefined> {
  try {
    return await db.openTable(name);
  } catch (err) {
    if (/not found|does not exist|no such/i.test(String(err))) return undefined;
    throw err;
  }
}

export function tableMarker(uri: string, db: Connection, dataTable: string): MarkerPlace {
  return {
    where: `${uri.replace(/\/+$/, "")}/${META_TABLE}`,
    async read() {
      const table = await openIfExists(db, META_TABLE);
      if (!table) return undefined;
      const [row] = await table.query().limit(1).toArray();
      return row ? { format: String(row.format) as StoreMarker["format"], schemaVersion: Number(row.schemaVersion) } : undefined;
    },
    async write(marker) {
      // One row, replaced whole: a LanceDB overwrite is one commit, so a reader sees the old marker or the new.
      await db.createTable(META_TABLE, [{ format: marker.format, schemaVersion: marker.schemaVersion }], { mode: "overwrite" });
    },
    async dataTables() {
      return (await openIfExists(db, dataTable)) ? [dataTable] : [];
    },
  };
}
