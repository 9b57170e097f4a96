// Checks that an indexed document's file is still the one the index was built from before the
// viewer reads it: gone → NOT_FOUND (file-missing), different size or content → NOT_FOUND
// (file-changed). A file whose size and mtime match a previous check is not hashed again, so paging
// through a large PDF does not re-read it on every page.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { EngineError } from "../../contract/errors.ts";
import type { DocumentRecord } from "../index/index.ts";
import { sha256OfFile } from "../ingest/hash.ts";

export interface VerifiedFile {
  path: string;
  name: string;
  size: number;
}

interface Check {
  sha256: string;
  size: number;
  mtime: number;
}

export class FileVerifier {
  /** The last successful check per document id. */
  readonly #checked = new Map<string, Check>();

  async verify(record: DocumentRecord, signal?: AbortSignal): Promise<VerifiedFile> {
    const name = basename(record.path);
    if (record.status !== "ready") {
      const why = record.status === "failed" ? `its ingestion failed${record.error ? ` (${record.error})` : ""}` : "it is still being ingested";
      throw new EngineError("NOT_FOUND", `${name} cannot be shown: ${why}. Re-index it first.`, { reason: "not-ready", documentId: record.id });
    }
    let info;
    try {
      info = await stat(record.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        throw new EngineError("NOT_FOUND", `${name} is no longer at ${record.path}, where it was indexed from. Put it back, or re-index to remove it.`, { reason: "file-missing", documentId: record.id });
      }
      throw err;
    }
    const changed = () => {
      this.#checked.delete(record.id);
      return new EngineError("NOT_FOUND", `${name} changed since it was indexed — re-index it to view its pages.`, { reason: "file-changed", documentId: record.id });
    };
    if (!info.isFile() || info.size !== record.size) throw changed();
    const last = this.#checked.get(record.id);
    if (last && last.sha256 === record.sha256 && last.size === info.size && last.mtime === info.mtimeMs) return { path: record.path, name, size: info.size };
    // mtime alone changes on a copy or a touch: only the content decides.
    const sha256 = await sha256OfFile(record.path, signal ? { signal } : {});
    if (sha256 !== record.sha256) throw changed();
    this.#checked.set(record.id, { sha256, size: info.size, mtime: info.mtimeMs });
    return { path: record.path, name, size: info.size };
  }
}
