// Uploaded copies of documents (the web host saves each browser upload to
// <dataDir>/uploads/<uuid>/<name>) belong to the document that was ingested from them: removing the
// document (or its collection) removes the copy, and a copy no document refers to is swept at start.
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";

export const UPLOADS_FOLDER = "uploads";
/** An upload this recent may be about to be ingested (a browser uploads, then calls rag.ingest): kept. */
export const UPLOAD_GRACE_MS = 15 * 60 * 1000;

export function uploadsDirOf(dataDir: string): string {
  return path.join(dataDir, UPLOADS_FOLDER);
}

/** The `<uuid>` folder of an uploaded copy, or null when `file` is not an upload. */
export function uploadFolderOf(dataDir: string, file: string): string | null {
  const rel = path.relative(uploadsDirOf(dataDir), path.resolve(file));
  const parts = rel.split(path.sep);
  if (rel.startsWith("..") || path.isAbsolute(rel) || parts.length !== 2) return null;
  return path.join(uploadsDirOf(dataDir), parts[0]!);
}

/** Deletes the uploaded copies among `files` that no remaining document refers to. */
export async function removeUploadCopies(dataDir: string, files: readonly string[], stillUsed: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  for (const file of new Set(files)) {
    const folder = uploadFolderOf(dataDir, file);
    if (folder === null || stillUsed.has(path.resolve(file))) continue;
    await rm(folder, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Sweeps upload folders that no document refers to and that are older than the grace period. */
export async function sweepUnusedUploads(
  dataDir: string,
  index: { documents(): Promise<{ path: string }[]> },
  now = Date.now(),
): Promise<number> {
  const dir = uploadsDirOf(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0; // no uploads yet
  }
  const used = new Set((await index.documents()).map((d) => uploadFolderOf(dataDir, d.path)).filter((f) => f !== null));
  let swept = 0;
  for (const name of names) {
    const folder = path.join(dir, name);
    if (used.has(folder)) continue;
    const info = await stat(folder).catch(() => null);
    if (!info || now - info.mtimeMs < UPLOAD_GRACE_MS) continue;
    await rm(folder, { recursive: true, force: true });
    swept++;
  }
  return swept;
}
