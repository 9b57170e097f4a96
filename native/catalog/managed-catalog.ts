// The managed catalog: read from the policy's source, installed file by file with the SHA-256
// computed on the bytes as they are written (a mismatch leaves nothing behind), and its hashes added
// to what the policy lets load. Fetches go through Node's fetch, so offline mode's guard applies:
// a mirror outside loopback is refused at once with OFFLINE.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CatalogDocument, type CatalogModel } from "../contract/catalog.ts";
import { EngineError, formatZodError } from "../contract/errors.ts";

export interface InstallProgress {
  current: number;
  total: number;
}

export class ManagedCatalog {
  readonly source: string | null;
  #models: CatalogModel[] | null = null;

  constructor(source: string | null) {
    this.source = source;
  }

  /** Hashes of the catalog's models, which the policy lets load (read once; unreadable → none). */
  async hashes(): Promise<ReadonlySet<string>> {
    if (this.#models === null && this.source) await this.models().catch(() => undefined);
    return new Set((this.#models ?? []).map((m) => m.sha256.toLowerCase()));
  }

  async models(signal?: AbortSignal): Promise<CatalogModel[]> {
    if (!this.source) return [];
    const text = /^https?:\/\//i.test(this.source) ? await fetchText(this.source, signal) : await readFile(this.source, "utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new EngineError("INVALID_INPUT", `The model catalog ${this.source} is not JSON (${(err as Error).message}).`);
    }
    const parsed = CatalogDocument.safeParse(json);
    if (!parsed.success) throw new EngineError("INVALID_INPUT", `The model catalog ${this.source} is invalid: ${formatZodError(parsed.error)}`);
    this.#models = parsed.data.models;
    return parsed.data.models;
  }

  /** Where a catalog model lives once installed. */
  static targetPath(dir: string, model: CatalogModel): string {
    const name = basename(new URL(model.url ?? `file:///${model.path!.replace(/\\/g, "/")}`).pathname) || `${model.id}.gguf`;
    return join(dir, name.endsWith(".gguf") ? name : `${name}.gguf`);
  }

  /** Copies or downloads the model into `dir`, verifying its SHA-256; returns the final path. */
  async install(model: CatalogModel, dir: string, options: { signal: AbortSignal; onProgress: (p: InstallProgress) => void }): Promise<string> {
    const target = ManagedCatalog.targetPath(dir, model);
    if (existsSync(target)) return target; // hashed again at load when the policy restricts models
    await mkdir(dir, { recursive: true });
    const partial = `${target}.partial`;
    const { body, total } = model.url ? await fetchBody(model.url, options.signal) : await openFile(model.path!);
    const hash = createHash("sha256");
    let current = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        current += chunk.length;
        options.onProgress({ current, total: total ?? model.sizeBytes ?? 0 });
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(partial), { signal: options.signal });
      const actual = hash.digest("hex");
      if (actual !== model.sha256.toLowerCase()) {
        throw new EngineError("INVALID_MODEL_FILE", `${model.name}: the file's SHA-256 is ${actual}, not the ${model.sha256.toLowerCase()} the catalog pins. It was not installed.`, { expected: model.sha256, actual });
      }
      await rename(partial, target);
      return target;
    } catch (err) {
      await rm(partial, { force: true });
      if (options.signal.aborted) throw new EngineError("ABORTED", "Install cancelled.");
      throw err;
    }
  }
}

async function fetchText(url: string, signal?: AbortSignal): Promise<string> {
  const res = await fetchOrFail(url, signal);
  return res.text();
}

async function fetchBody(url: string, signal: AbortSignal): Promise<{ body: Readable; total: number | null }> {
  const res = await fetchOrFail(url, signal);
  if (!res.body) throw new EngineError("DOWNLOAD_FAILED", `${url} sent no body.`);
  const length = Number(res.headers.get("content-length"));
  return { body: Readable.fromWeb(res.body), total: Number.isFinite(length) && length > 0 ? length : null };
}

async function openFile(path: string): Promise<{ body: Readable; total: number }> {
  const { size } = await stat(path);
  return { body: createReadStream(path), total: size };
}

async function fetchOrFail(url: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw new EngineError("ABORTED", "Cancelled.");
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof EngineError) throw cause; // OFFLINE from the network guard
    throw new EngineError("DOWNLOAD_FAILED", `${url} cannot be reached: ${cause instanceof Error ? cause.message : (err as Error).message}`);
  }
  if (!res.ok) throw new EngineError("DOWNLOAD_FAILED", `${url} answered HTTP ${res.status}.`, { status: res.status });
  return res;
}
