// How much a web host lets browsers upload: a few uploads at a time (each holds a socket and a file
// being written) and a total size for everything kept under uploads/, so a tab cannot fill the disk.
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export const DEFAULT_MAX_CONCURRENT_UPLOADS = 4;
export const DEFAULT_UPLOAD_TOTAL_LIMIT = 16 * 1024 ** 3;

export class UploadQuota {
  #running = 0;
  /** Bytes under uploads/ when last counted, plus what has been received since. */
  #used = 0;

  constructor(
    readonly maxConcurrent = DEFAULT_MAX_CONCURRENT_UPLOADS,
    readonly totalLimit = DEFAULT_UPLOAD_TOTAL_LIMIT,
  ) {}

  /** Uploads holding a slot now. */
  get running(): number {
    return this.#running;
  }

  /** A slot for one upload, or undefined when all are taken; call the returned function when done. */
  begin(): (() => void) | undefined {
    if (this.#running >= this.maxConcurrent) return undefined;
    this.#running++;
    let released = false;
    return () => {
      if (!released) this.#running--;
      released = true;
    };
  }

  /**
   * Recounts what uploads/ holds: documents removed since have freed their copies, and uploads still
   * being received are on disk up to what they have received.
   */
  async refresh(uploadsDir: string): Promise<void> {
    this.#used = await sizeOf(uploadsDir);
  }

  fits(bytes: number): boolean {
    return this.#used + bytes <= this.totalLimit;
  }

  /** Counts `bytes` just received; false when they would cross the total. */
  take(bytes: number): boolean {
    if (!this.fits(bytes)) return false;
    this.#used += bytes;
    return true;
  }
}

async function sizeOf(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await sizeOf(p);
    else if (entry.isFile()) total += (await stat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
