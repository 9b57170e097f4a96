// Turns the paths a user dropped in into the files to ingest: folders are walked recursively,
// hidden entries (".name") skipped, symlinks followed but never twice into the same real folder
// (no loops), duplicates removed. Nothing here throws: an entry that cannot be read becomes a
// failure for the caller to report as that path's result.
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { toWireError, type WireError } from "../../contract/errors.ts";
import { notRegularFile } from "../../util/regular-file.ts";

export interface ExpandedPaths {
  /** Absolute paths of regular files, each once, in walk order. */
  files: string[];
  /** Folders the user named (absolute): documents from under them whose files are gone get removed. */
  folders: string[];
  /** Entries that could not be read (missing path, unreadable folder). */
  failures: { path: string; error: WireError }[];
}

export async function expandPaths(paths: readonly string[], options: { signal?: AbortSignal } = {}): Promise<ExpandedPaths> {
  const out: ExpandedPaths = { files: [], folders: [], failures: [] };
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const addFile = (path: string) => {
    if (seenFiles.has(path)) return;
    seenFiles.add(path);
    out.files.push(path);
  };

  const walk = async (dir: string): Promise<void> => {
    if (options.signal?.aborted) return;
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(dir);
      if (seenDirs.has(real)) return; // a symlink loop or a folder reached twice
      seenDirs.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      out.failures.push({ path: dir, error: toWireError(err) });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) addFile(path);
      else if (entry.isSymbolicLink()) {
        try {
          const info = await stat(path);
          if (info.isDirectory()) await walk(path);
          else if (info.isFile()) addFile(path);
        } catch (err) {
          out.failures.push({ path, error: toWireError(err) }); // a dangling link
        }
      }
      // sockets, FIFOs, devices: not documents, skipped silently
    }
  };

  for (const given of paths) {
    const path = resolve(given);
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        if (!out.folders.includes(path)) out.folders.push(path);
        await walk(path);
      } else if (info.isFile()) addFile(path); // a file named explicitly is taken even when hidden
      else out.failures.push({ path, error: toWireError(notRegularFile(path, info)) }); // a FIFO would block the read for good
    } catch (err) {
      out.failures.push({ path, error: toWireError(err) });
    }
  }
  return out;
}

/** True when `path` lies under `folder` (both absolute). */
export function isUnder(path: string, folder: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
