// A reference the user gives (library id, SHA-256 or path) → the library's record of that file,
// re-read when the file changed since the scan.
import { realpath, stat } from "node:fs/promises";
import { basename } from "node:path";
import { EngineError } from "../contract/errors.ts";
import { exists } from "./fs-checks.ts";
import type { LibraryRecord } from "./library-records.ts";
import type { Scan } from "./scan-cache.ts";
import type { FoundFile } from "./scanner.ts";

export interface ResolveDeps {
  absolute: (path: string) => string;
  recordFor: (file: FoundFile) => Promise<LibraryRecord>;
}

/** Throws MODEL_NOT_FOUND when nothing matches. A file outside the library gets a record too. */
export async function resolveRecord(scan: Scan, ref: string, deps: ResolveDeps): Promise<LibraryRecord> {
  const trimmed = ref.trim();
  const records = [...scan.entries.values()];
  let record: LibraryRecord | undefined;
  if (/^[0-9a-f]{16}$/i.test(trimmed)) record = records.find((r) => r.entry.id === trimmed.toLowerCase());
  if (!record && /^[0-9a-f]{64}$/i.test(trimmed)) {
    record = records.find((r) => r.entry.sha256 === trimmed.toLowerCase());
    if (!record && !(await exists(deps.absolute(trimmed)))) {
      throw new EngineError("MODEL_NOT_FOUND", `No model in the library has SHA-256 ${trimmed.toLowerCase()} (a file's hash is known once it has been hashed).`, { ref });
    }
  }
  if (!record) {
    const abs = deps.absolute(trimmed);
    let real: string;
    try {
      real = await realpath(abs);
    } catch {
      throw new EngineError("MODEL_NOT_FOUND", `No model matches "${ref}": not a library id, a known SHA-256 or an existing file.`, { ref });
    }
    record = scan.entries.get(real);
    if (!record) {
      const st = await stat(real);
      if (!st.isFile()) throw new EngineError("MODEL_NOT_FOUND", `${abs} is not a file.`, { ref });
      // A file outside the library is inspected all the same (not added to the list).
      return deps.recordFor({ path: abs, realPath: real, source: "user", displayName: basename(abs), sizeBytes: st.size, mtimeMs: st.mtimeMs, knownSha256: null });
    }
  }
  return refresh(scan, record, deps.recordFor);
}

/** Re-reads an entry whose file changed since the scan; MODEL_NOT_FOUND when it is gone. */
async function refresh(scan: Scan, record: LibraryRecord, recordFor: ResolveDeps["recordFor"]): Promise<LibraryRecord> {
  let st;
  try {
    st = await stat(record.realPath);
  } catch {
    scan.entries.delete(record.realPath);
    throw new EngineError("MODEL_NOT_FOUND", `${record.entry.path} is no longer on disk.`, { path: record.entry.path });
  }
  if (st.size === record.entry.sizeBytes && st.mtimeMs === record.entry.mtimeMs) return record;
  const fresh = await recordFor({
    path: record.entry.path,
    realPath: record.realPath,
    source: record.entry.source,
    displayName: record.entry.displayName,
    sizeBytes: st.size,
    mtimeMs: st.mtimeMs,
    knownSha256: record.entry.source === "ollama" ? record.entry.sha256 : null,
  });
  scan.entries.set(record.realPath, fresh);
  return fresh;
}
