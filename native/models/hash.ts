// SHA-256 of model files: streamed in 4 MiB reads, cancellable, with progress, and cached by
// path + size + mtime in an atomic JSON document so that a multi-GB file is read once.
import { createHash } from "node:crypto";
import { openRegularFile } from "../util/regular-file.ts";
import { z } from "zod";
import { EngineError } from "../contract/errors.ts";
import { readJson, writeJsonAtomic } from "../util/json-file.ts";
import { Mutex } from "../util/mutex.ts";

export const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

export interface HashProgress {
  current: number;
  total: number;
  etaMs: number | undefined;
}

/** Streams a file through SHA-256. Rejects with ABORTED when `signal` fires. */
export async function sha256File(
  path: string,
  options: { signal?: AbortSignal; onProgress?: (p: HashProgress) => void; progressEveryMs?: number } = {},
): Promise<string> {
  const { signal, onProgress, progressEveryMs = 250 } = options;
  if (signal?.aborted) throw aborted();
  const handle = await openRegularFile(path);
  const total = (await handle.stat()).size;
  const hash = createHash("sha256");
  const started = Date.now();
  let current = 0;
  let lastReport = 0;
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: HASH_CHUNK_BYTES, signal })) {
      hash.update(chunk as Buffer);
      current += (chunk as Buffer).length;
      const now = Date.now();
      if (onProgress && now - lastReport >= progressEveryMs) {
        lastReport = now;
        const elapsed = now - started;
        onProgress({ current, total, etaMs: current > 0 && elapsed > 0 ? Math.round(((total - current) * elapsed) / current) : undefined });
      }
    }
  } catch (err) {
    if (signal?.aborted || (err as Error).name === "AbortError") throw aborted();
    throw err;
  }
  if (signal?.aborted) throw aborted();
  onProgress?.({ current, total, etaMs: 0 });
  return hash.digest("hex");
}

function aborted(): EngineError {
  return new EngineError("ABORTED", "Hashing was cancelled.");
}

const CacheEntry = z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const CacheDoc = z.object({
  format: z.literal("enclave.sha256-cache"),
  version: z.literal(1),
  entries: z.record(z.string(), CacheEntry),
});
type CacheDoc = z.infer<typeof CacheDoc>;

/** path → {size, mtimeMs, sha256}; an entry is valid only while the file's size and mtime match. */
export class Sha256Cache {
  readonly #path: string;
  #doc: Promise<CacheDoc> | undefined;
  /** One write at a time, each with the latest state: never an older document over a newer one. */
  readonly #writes = new Mutex();

  constructor(path: string) {
    this.#path = path;
  }

  #load(): Promise<CacheDoc> {
    this.#doc ??= readJson(this.#path, CacheDoc, { format: "enclave.sha256-cache", version: 1, entries: {} });
    return this.#doc;
  }

  async get(path: string, size: number, mtimeMs: number): Promise<string | null> {
    const entry = (await this.#load()).entries[path];
    return entry && entry.size === size && entry.mtimeMs === mtimeMs ? entry.sha256 : null;
  }

  async set(path: string, size: number, mtimeMs: number, sha256: string): Promise<void> {
    const doc = await this.#load();
    doc.entries[path] = { size, mtimeMs, sha256 };
    await this.#flush(doc);
  }

  async delete(path: string): Promise<void> {
    const doc = await this.#load();
    if (!(path in doc.entries)) return;
    delete doc.entries[path];
    await this.#flush(doc);
  }

  #flush(doc: CacheDoc): Promise<void> {
    return this.#writes.run(() => writeJsonAtomic(this.#path, doc));
  }

  /** Waits for pending writes (a failed one has already rejected its caller). */
  async close(): Promise<void> {
    await this.#writes.drained();
  }
}
