// The scan cache: what the last scan of the library's folders found, kept until a rescan is asked
// for or the folder list changes. One scan runs at a time; a failed scan is not kept.
import type { ModelFolder } from "../contract/models.ts";
import { Mutex } from "../util/mutex.ts";
import type { LibraryRecord } from "./library-records.ts";
import { scanFolder, type FoundFile, type ScanError } from "./scanner.ts";

export interface Scan {
  entries: Map<string, LibraryRecord>; // by real path
  folders: ModelFolder[];
  scanErrors: ScanError[];
}

export type ScanProgress = (p: { fraction: number; message: string }) => void;

export class ScanCache {
  readonly #scanAll: (onProgress?: ScanProgress) => Promise<Scan>;
  readonly #lock = new Mutex();
  #scan: Promise<Scan> | undefined;

  constructor(scanAll: (onProgress?: ScanProgress) => Promise<Scan>) {
    this.#scanAll = scanAll;
  }

  /** The cached scan, or a new one when asked for or when there is none. */
  get(rescan: boolean, onProgress?: ScanProgress): Promise<Scan> {
    if (rescan || !this.#scan) return this.rescan(onProgress);
    return this.#scan;
  }

  /** Scans again (after the scan under way, if any) and keeps the result. */
  rescan(onProgress?: ScanProgress): Promise<Scan> {
    const next = this.#lock.run(() => this.#scanAll(onProgress));
    this.#scan = next;
    next.catch(() => {
      if (this.#scan === next) this.#scan = undefined;
    });
    return next;
  }

  /** Forgets the scan: the next `get` scans again. */
  invalidate(): void {
    this.#scan = undefined;
  }
}

/**
 * Scans `folders` in order. Order decides which source a file found twice is shown under: downloads
 * and other apps' folders first, so a user folder that contains LM Studio's still shows "lmstudio".
 */
export async function scanFolders(
  folders: ModelFolder[],
  options: { maxDepth: number; recordFor: (file: FoundFile) => Promise<LibraryRecord>; onProgress?: ScanProgress },
): Promise<Scan> {
  const scanErrors: ScanError[] = [];
  const entries = new Map<string, LibraryRecord>();
  for (const [i, folder] of folders.entries()) {
    options.onProgress?.({ fraction: i / folders.length, message: `Scanning ${folder.path}` });
    if (!folder.exists) continue;
    const found = await scanFolder(folder.path, folder.source, { maxDepth: options.maxDepth, onError: (e) => scanErrors.push(e) });
    for (const file of found) {
      if (entries.has(file.realPath)) continue;
      entries.set(file.realPath, await options.recordFor(file));
    }
  }
  options.onProgress?.({ fraction: 1, message: `Found ${entries.size} models` });
  return { entries, folders, scanErrors };
}
