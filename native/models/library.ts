// The model library: one owner for everything Enclave knows about GGUF files on this machine —
// the folders it scans (the user's and other apps'), each file's metadata, group, hash and memory
// estimate, and downloads. Files are listed where they are, never copied. This class is the
// facade; each job lives in its own file: library-folders.ts (folder registry), scan-cache.ts,
// metadata-queue.ts, library-estimates.ts, library-downloads.ts, library-resolve.ts.
import { homedir } from "node:os";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Llama, ModelDownloadEndpoints } from "node-llama-cpp";
import { EngineError } from "../contract/errors.ts";
import type { MemoryEstimate, ModelEntry, ModelFolder, ModelGroup } from "../contract/models.ts";
import type { LlamaRuntime } from "../inference/llama-runtime.ts";
import type { EstimateOptions } from "./estimate.ts";
import { fsError } from "./fs-checks.ts";
import { groupBy, groupName } from "./grouping.ts";
import { Sha256Cache, sha256File, type HashProgress } from "./hash.ts";
import { downloadToLibrary, type DownloadCallOptions, type DownloadInput } from "./library-downloads.ts";
import { defaultMemoryProbe, estimateRecord } from "./library-estimates.ts";
import { LibraryFolders } from "./library-folders.ts";
import { recordFor, type LibraryRecord } from "./library-records.ts";
import { resolveRecord } from "./library-resolve.ts";
import type { MemoryProbe } from "./memory.ts";
import { MetadataQueue } from "./metadata-queue.ts";
import { ScanCache, scanFolders, type Scan } from "./scan-cache.ts";
import { DEFAULT_MAX_DEPTH, scanFolder, type FoundFile, type ScanError } from "./scanner.ts";

export { isInside } from "./fs-checks.ts";
export { modelId } from "./library-records.ts";

export interface ModelLibraryOptions {
  /** Enclave's data folder: the library keeps `models/folders.json` and `models/sha256-cache.json` there. */
  dataDir: string;
  runtime: LlamaRuntime;
  /** Defaults to `os.homedir()`; other apps' folders are looked for under it. */
  homeDir?: string;
  /** Defaults to `process.env` (HF_HOME, HF_HUB_CACHE, OLLAMA_MODELS, LOCALAPPDATA, HF_ENDPOINT …). */
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** Where downloads go (a function to follow a setting); unset or null → `<dataDir>/models`. */
  downloadDir?: string | null | (() => string | null | undefined);
  /** Scan LM Studio / Ollama / GPT4All / Hugging Face folders (default true). */
  includeAppFolders?: boolean;
  maxDepth?: number;
  /** Checked before any download: true refuses at once with OFFLINE. */
  isOffline?: () => boolean | Promise<boolean>;
  /** Free RAM / VRAM; defaults to /proc/meminfo MemAvailable (or os.freemem) and llama's VRAM state. */
  memory?: MemoryProbe;
  /** Where `hf:` URIs resolve (a mirror, or a local server in tests). */
  endpoints?: ModelDownloadEndpoints;
  /** Time allowed for the host check before a download (default 3000 ms). */
  reachabilityTimeoutMs?: number;
}

export interface ListOptions extends EstimateOptions {
  rescan?: boolean;
  onProgress?: (p: { fraction: number; message: string }) => void;
}

export interface ListResult {
  groups: ModelGroup[];
  folders: ModelFolder[];
  scanErrors: ScanError[];
}

export interface InspectResult extends ModelEntry {
  estimate: MemoryEstimate | null;
  chatTemplate: string | null;
  metadata: Record<string, unknown>;
}

export interface HashResult {
  id: string;
  path: string;
  sha256: string;
  cached: boolean;
}

export class ModelLibrary {
  readonly #options: ModelLibraryOptions;
  readonly #folders: LibraryFolders;
  readonly #hashes: Sha256Cache;
  readonly #memory: MemoryProbe;
  readonly #metadata: MetadataQueue;
  readonly #scans: ScanCache;
  readonly #lifetime = new AbortController();
  #disposed = false;

  constructor(options: ModelLibraryOptions) {
    this.#options = options;
    const platform = options.platform ?? process.platform;
    this.#folders = new LibraryFolders({
      dataDir: options.dataDir,
      home: options.homeDir ?? homedir(),
      env: options.env ?? process.env,
      platform,
      downloadDir: options.downloadDir,
      includeAppFolders: options.includeAppFolders,
    });
    this.#hashes = new Sha256Cache(join(options.dataDir, "models", "sha256-cache.json"));
    this.#memory = options.memory ?? defaultMemoryProbe(platform, () => this.#llama());
    this.#metadata = new MetadataQueue(options.runtime, () => this.#llama());
    this.#scans = new ScanCache(async (onProgress) =>
      scanFolders(await this.folders(), { maxDepth: this.#maxDepth, recordFor: (file) => this.#recordFor(file), onProgress }),
    );
  }

  /** Opens the library and reads its folder list (a damaged list is replaced by an empty one). */
  static async open(options: ModelLibraryOptions): Promise<ModelLibrary> {
    const library = new ModelLibrary(options);
    await library.#folders.open();
    return library;
  }

  /** Where downloads go now. */
  get downloadDir(): string {
    return this.#folders.downloadDir;
  }

  // ---- folders -------------------------------------------------------------------------------

  /** Every folder the library looks at: the user's, the download folder, and other apps'. */
  async folders(): Promise<ModelFolder[]> {
    this.#assertOpen();
    return this.#folders.list();
  }

  /** Adds a folder to scan (kept across restarts) and returns the models found in it. */
  async addFolder(path: string): Promise<{ folder: ModelFolder; models: ModelEntry[] }> {
    this.#assertOpen();
    const abs = await this.#folders.add(path);
    const scan = await this.#scans.rescan();
    const found = await scanFolder(abs, "user", { maxDepth: this.#maxDepth, onError: () => undefined });
    const models = found.map((f) => scan.entries.get(f.realPath)?.entry).filter((e): e is ModelEntry => e !== undefined);
    return { folder: { path: abs, source: "user", auto: false, exists: true }, models };
  }

  /** Stops scanning a user folder; its files are not touched. */
  async removeFolder(path: string): Promise<{ removed: boolean }> {
    this.#assertOpen();
    const removed = await this.#folders.remove(path);
    if (removed) this.#scans.invalidate();
    return { removed };
  }

  // ---- listing -------------------------------------------------------------------------------

  /** Every entry, flat, in scan order. */
  async entries(options: { rescan?: boolean } = {}): Promise<ModelEntry[]> {
    const scan = await this.#getScan(options.rescan ?? false);
    return [...scan.entries.values()].map((r) => r.entry);
  }

  /** Entries grouped by base model, each variant with a memory estimate. */
  async list(options: ListOptions = {}): Promise<ListResult> {
    const scan = await this.#getScan(options.rescan ?? false, options.onProgress);
    const records = [...scan.entries.values()];
    const withEstimates = await Promise.all(
      records.map(async (r) => ({ ...r.entry, estimate: await this.#estimateRecord(r, options) })),
    );
    const groups = groupBy(withEstimates, (e) => groupName({ name: e.name, fileName: e.displayName, architecture: e.architecture, parameterCount: e.parameterCount }));
    return {
      groups: groups.map((g) => ({
        key: g.key,
        name: g.name,
        architecture: g.items[0]?.architecture ?? null,
        parameterCount: g.items[0]?.parameterCount ?? null,
        variants: g.items,
      })),
      folders: scan.folders,
      scanErrors: scan.scanErrors,
    };
  }

  /**
   * A library id, a SHA-256, or a path (inside the library or not) → its entry. Throws
   * MODEL_NOT_FOUND when nothing matches. The inference service calls this before loading.
   */
  async resolve(ref: string): Promise<ModelEntry> {
    return (await this.#resolveRecord(ref)).entry;
  }

  /** Metadata of one file, in the library or not, with its memory estimate. */
  async inspect(ref: string, options: EstimateOptions = {}): Promise<InspectResult> {
    const record = await this.#resolveRecord(ref);
    const analysis = await this.#analysis(record);
    return {
      ...record.entry,
      estimate: await this.#estimateRecord(record, options),
      chatTemplate: analysis.meta.chatTemplate,
      metadata: analysis.meta.metadata,
    };
  }

  /** Memory estimate of an entry for a context size and GPU layers; null for adapters. */
  async estimate(entry: ModelEntry, options: EstimateOptions = {}): Promise<MemoryEstimate | null> {
    const record = await this.#resolveRecord(entry.path);
    return this.#estimateRecord(record, options);
  }

  // ---- hashing -------------------------------------------------------------------------------

  async hash(ref: string, options: { signal?: AbortSignal; onProgress?: (p: HashProgress) => void } = {}): Promise<HashResult> {
    const record = await this.#resolveRecord(ref);
    const { entry } = record;
    if (entry.sha256 && entry.source === "ollama") return { id: entry.id, path: entry.path, sha256: entry.sha256, cached: true };
    const st = await stat(record.realPath).catch((err: unknown) => {
      throw fsError(err, entry.path);
    });
    const cached = await this.#hashes.get(record.realPath, st.size, st.mtimeMs);
    if (cached) {
      entry.sha256 = cached;
      return { id: entry.id, path: entry.path, sha256: cached, cached: true };
    }
    const sha256 = await sha256File(record.realPath, { signal: this.#signal(options.signal), onProgress: options.onProgress });
    await this.#hashes.set(record.realPath, st.size, st.mtimeMs, sha256);
    entry.sha256 = sha256;
    return { id: entry.id, path: entry.path, sha256, cached: false };
  }

  // ---- downloads -----------------------------------------------------------------------------

  /** Downloads into the download folder (resumable) and returns the new library entry. */
  async download(input: DownloadInput, options: DownloadCallOptions = {}): Promise<ModelEntry> {
    this.#assertOpen();
    const found = await downloadToLibrary(input, options, {
      dir: this.downloadDir,
      signal: this.#signal(options.signal),
      hashes: this.#hashes,
      isOffline: this.#options.isOffline,
      endpoints: this.#options.endpoints,
      reachabilityTimeoutMs: this.#options.reachabilityTimeoutMs,
    });
    const scan = await this.#getScan(false);
    const record = await this.#recordFor(found);
    scan.entries.set(record.realPath, record);
    return record.entry;
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#lifetime.abort(new EngineError("ABORTED", "The model library was closed."));
    await this.#metadata.close();
    await Promise.all([this.#hashes.close(), this.#folders.close()]);
    this.#scans.invalidate();
  }

  // ---- internals -----------------------------------------------------------------------------

  get #maxDepth(): number {
    return this.#options.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  #assertOpen(): void {
    if (this.#disposed) throw new EngineError("INTERNAL", "The model library has been disposed.");
  }

  #signal(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.#lifetime.signal]) : this.#lifetime.signal;
  }

  async #llama(): Promise<Llama | undefined> {
    try {
      return await this.#options.runtime.get();
    } catch {
      return undefined; // no usable llama.cpp binary: metadata still works, estimates say "unknown"
    }
  }

  #getScan(rescan: boolean, onProgress?: ListOptions["onProgress"]): Promise<Scan> {
    this.#assertOpen();
    return this.#scans.get(rescan, onProgress);
  }

  #recordFor(file: FoundFile): Promise<LibraryRecord> {
    return recordFor(file, (...args) => this.#metadata.analyze(...args), this.#hashes);
  }

  #analysis(record: LibraryRecord) {
    return this.#metadata.analyze(record.realPath, record.entry.sizeBytes, record.entry.mtimeMs, record.entry.displayName);
  }

  #estimateRecord(record: LibraryRecord, options: EstimateOptions): Promise<MemoryEstimate | null> {
    return estimateRecord(record, { analysis: () => this.#analysis(record), llama: () => this.#llama(), memory: this.#memory }, options);
  }

  async #resolveRecord(ref: string): Promise<LibraryRecord> {
    const scan = await this.#getScan(false);
    return resolveRecord(scan, ref, { absolute: (path) => this.#folders.absolute(path), recordFor: (file) => this.#recordFor(file) });
  }
}
