// The model library: one owner for everything Enclave knows about GGUF files on this machine —
// the folders it scans (the user's and other apps'), each file's metadata, group, hash and memory
// estimate, and downloads. Files are listed where they are, never copied.
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve as resolvePath, sep } from "node:path";
import type { Llama, ModelDownloadEndpoints } from "node-llama-cpp";
import { EngineError } from "../contract/errors.ts";
import type { MemoryEstimate, ModelEntry, ModelFolder, ModelGroup, ModelSource } from "../contract/models.ts";
import type { LlamaRuntime } from "../inference/llama-runtime.ts";
import { downloadGguf, type DownloadProgress } from "./download.ts";
import { estimateMemory, unknownEstimate, type EstimateOptions } from "./estimate.ts";
import { FoldersStore } from "./folders-store.ts";
import { groupBy, groupKey, groupName } from "./grouping.ts";
import { Sha256Cache, sha256File, type HashProgress } from "./hash.ts";
import { availableRam, type MemoryProbe } from "./memory.ts";
import { analyzeGguf, type Analysis } from "./metadata.ts";
import { describeFsError } from "./ollama.ts";
import { DEFAULT_MAX_DEPTH, scanFolder, type FoundFile, type ScanError } from "./scanner.ts";
import { appModelFolders } from "./sources.ts";

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

interface Scan {
  entries: Map<string, LibraryRecord>; // by real path
  folders: ModelFolder[];
  scanErrors: ScanError[];
}

interface LibraryRecord {
  entry: ModelEntry;
  realPath: string;
}

interface CachedAnalysis {
  sizeBytes: number;
  mtimeMs: number;
  analysis: Analysis;
}

/** Stable id of a file on this machine: the first 16 hex of sha256(absolute path). */
export function modelId(path: string): string {
  return createHash("sha256").update(resolvePath(path)).digest("hex").slice(0, 16);
}

export class ModelLibrary {
  readonly #options: ModelLibraryOptions;
  readonly #home: string;
  readonly #env: Record<string, string | undefined>;
  readonly #platform: NodeJS.Platform;
  readonly #folders: FoldersStore;
  readonly #hashes: Sha256Cache;
  readonly #memory: MemoryProbe;
  readonly #analyses = new Map<string, CachedAnalysis>();
  readonly #lifetime = new AbortController();
  #scan: Promise<Scan> | undefined;
  #analysisQueue: Promise<unknown> = Promise.resolve();
  #disposed = false;

  constructor(options: ModelLibraryOptions) {
    this.#options = options;
    this.#home = options.homeDir ?? homedir();
    this.#env = options.env ?? process.env;
    this.#platform = options.platform ?? process.platform;
    this.#folders = new FoldersStore(join(options.dataDir, "models", "folders.json"));
    this.#hashes = new Sha256Cache(join(options.dataDir, "models", "sha256-cache.json"));
    this.#memory = options.memory ?? {
      freeRam: () => availableRam(this.#platform),
      vram: async () => {
        const llama = await this.#llama();
        if (!llama || llama.gpu === false) return { free: 0, total: 0 };
        const state = await llama.getVramState();
        return { free: state.free, total: state.total };
      },
    };
  }

  /** Opens the library and reads its folder list (a damaged list is replaced by an empty one). */
  static async open(options: ModelLibraryOptions): Promise<ModelLibrary> {
    const library = new ModelLibrary(options);
    await library.#folders.paths();
    return library;
  }

  /** Where downloads go now. */
  get downloadDir(): string {
    const option = this.#options.downloadDir;
    const dir = typeof option === "function" ? option() : option;
    return dir ? this.#absolute(dir) : join(this.#options.dataDir, "models");
  }

  // ---- folders -------------------------------------------------------------------------------

  /** Every folder the library looks at: the user's, the download folder, and other apps'. */
  async folders(): Promise<ModelFolder[]> {
    this.#assertOpen();
    const specs: { path: string; source: ModelSource; auto: boolean }[] = [
      { path: this.downloadDir, source: "download", auto: true },
      ...(this.#options.includeAppFolders === false ? [] : appModelFolders({ home: this.#home, env: this.#env, platform: this.#platform }).map((f) => ({ ...f, auto: true }))),
      ...(await this.#folders.paths()).map((path) => ({ path, source: "user" as const, auto: false })),
    ];
    return Promise.all(specs.map(async (s) => ({ ...s, exists: await isDirectory(s.path) })));
  }

  /** Adds a folder to scan (kept across restarts) and returns the models found in it. */
  async addFolder(path: string): Promise<{ folder: ModelFolder; models: ModelEntry[] }> {
    this.#assertOpen();
    const abs = this.#absolute(path);
    let st;
    try {
      st = await stat(abs);
    } catch (err) {
      throw fsError(err, abs);
    }
    if (!st.isDirectory()) throw new EngineError("INVALID_INPUT", `${abs} is a file, not a folder.`);
    try {
      await readdir(abs);
    } catch (err) {
      throw fsError(err, abs);
    }
    await this.#folders.add(abs);
    const scan = await this.#rescan();
    const found = await scanFolder(abs, "user", { maxDepth: this.#options.maxDepth ?? DEFAULT_MAX_DEPTH, onError: () => undefined });
    const models = found.map((f) => scan.entries.get(f.realPath)?.entry).filter((e): e is ModelEntry => e !== undefined);
    return { folder: { path: abs, source: "user", auto: false, exists: true }, models };
  }

  /** Stops scanning a user folder; its files are not touched. */
  async removeFolder(path: string): Promise<{ removed: boolean }> {
    this.#assertOpen();
    const removed = await this.#folders.remove(this.#absolute(path));
    if (removed) this.#scan = undefined;
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
  async download(
    input: { uri: string; sha256?: string },
    options: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void; onVerifyProgress?: (p: HashProgress) => void } = {},
  ): Promise<ModelEntry> {
    this.#assertOpen();
    const result = await downloadGguf({
      uri: input.uri,
      sha256: input.sha256,
      dir: this.downloadDir,
      signal: this.#signal(options.signal),
      isOffline: this.#options.isOffline,
      endpoints: this.#options.endpoints,
      reachabilityTimeoutMs: this.#options.reachabilityTimeoutMs,
      onProgress: options.onProgress,
      onVerifyProgress: options.onVerifyProgress,
    });
    const st = await stat(result.path);
    if (result.sha256) await this.#hashes.set(await realpath(result.path), st.size, st.mtimeMs, result.sha256);
    const scan = await this.#getScan(false);
    const found: FoundFile = {
      path: result.path,
      realPath: await realpath(result.path),
      source: "download",
      displayName: basename(result.path),
      sizeBytes: st.size,
      mtimeMs: st.mtimeMs,
      knownSha256: null,
    };
    const record = await this.#recordFor(found);
    scan.entries.set(record.realPath, record);
    return record.entry;
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#lifetime.abort(new EngineError("ABORTED", "The model library was closed."));
    await this.#analysisQueue.catch(() => undefined);
    await Promise.all([this.#hashes.close(), this.#folders.close()]);
    this.#analyses.clear();
    this.#scan = undefined;
  }

  // ---- internals -----------------------------------------------------------------------------

  #assertOpen(): void {
    if (this.#disposed) throw new EngineError("INTERNAL", "The model library has been disposed.");
  }

  #signal(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.#lifetime.signal]) : this.#lifetime.signal;
  }

  #absolute(path: string): string {
    if (path === "~" || path.startsWith("~/")) return join(this.#home, path.slice(1));
    return resolvePath(path);
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
    if (rescan || !this.#scan) return this.#rescan(onProgress);
    return this.#scan;
  }

  #rescan(onProgress?: ListOptions["onProgress"]): Promise<Scan> {
    const previous = this.#scan?.catch(() => undefined);
    const next = (async () => {
      await previous; // one scan at a time
      return this.#doScan(onProgress);
    })();
    this.#scan = next;
    next.catch(() => {
      if (this.#scan === next) this.#scan = undefined;
    });
    return next;
  }

  async #doScan(onProgress?: ListOptions["onProgress"]): Promise<Scan> {
    const folders = await this.folders();
    const scanErrors: ScanError[] = [];
    const entries = new Map<string, LibraryRecord>();
    // Order decides which source a file found twice is shown under: downloads and other apps'
    // folders first, so a user folder that contains LM Studio's still shows "lmstudio".
    for (const [i, folder] of folders.entries()) {
      onProgress?.({ fraction: i / folders.length, message: `Scanning ${folder.path}` });
      if (!folder.exists) continue;
      const found = await scanFolder(folder.path, folder.source, {
        maxDepth: this.#options.maxDepth ?? DEFAULT_MAX_DEPTH,
        onError: (e) => scanErrors.push(e),
      });
      for (const file of found) {
        if (entries.has(file.realPath)) continue;
        entries.set(file.realPath, await this.#recordFor(file));
      }
    }
    onProgress?.({ fraction: 1, message: `Found ${entries.size} models` });
    return { entries, folders, scanErrors };
  }

  async #recordFor(file: FoundFile): Promise<LibraryRecord> {
    const analysis = await this.#analyze(file.realPath, file.sizeBytes, file.mtimeMs, file.displayName);
    const sha256 = file.knownSha256 ?? (await this.#hashes.get(file.realPath, file.sizeBytes, file.mtimeMs));
    const { meta } = analysis;
    const entry: ModelEntry = {
      id: modelId(file.path),
      path: file.path,
      displayName: file.displayName,
      source: file.source,
      sizeBytes: file.sizeBytes,
      mtimeMs: file.mtimeMs,
      sha256,
      name: meta.name,
      architecture: meta.architecture,
      parameterCount: meta.parameterCount,
      quant: meta.quant,
      contextLength: meta.contextLength,
      hasChatTemplate: meta.hasChatTemplate,
      license: meta.license,
      groupKey: groupKey({ name: meta.name, fileName: file.displayName, architecture: meta.architecture, parameterCount: meta.parameterCount }),
      kind: meta.kind,
      error: meta.error,
    };
    return { entry, realPath: file.realPath };
  }

  /** Metadata, cached in memory by real path + size + mtime; one file at a time. */
  #analyze(realPath: string, sizeBytes: number, mtimeMs: number, fileName: string): Promise<Analysis> {
    const cached = this.#analyses.get(realPath);
    if (cached && cached.sizeBytes === sizeBytes && cached.mtimeMs === mtimeMs) return Promise.resolve(cached.analysis);
    const run = this.#analysisQueue.catch(() => undefined).then(async () => {
      const again = this.#analyses.get(realPath);
      if (again && again.sizeBytes === sizeBytes && again.mtimeMs === mtimeMs) return again.analysis;
      const runtime = this.#options.runtime;
      const analysis = await analyzeGguf(realPath, {
        llama: await this.#llama(),
        sizeBytes,
        fileName,
        llamaErrorsSince: (since) => runtime.logsSince(since).filter((l) => l.level === "error" || l.level === "fatal").map((l) => l.message),
      });
      this.#analyses.set(realPath, { sizeBytes, mtimeMs, analysis });
      return analysis;
    });
    this.#analysisQueue = run;
    return run;
  }

  async #analysis(record: LibraryRecord): Promise<Analysis> {
    return this.#analyze(record.realPath, record.entry.sizeBytes, record.entry.mtimeMs, record.entry.displayName);
  }

  async #estimateRecord(record: LibraryRecord, options: EstimateOptions): Promise<MemoryEstimate | null> {
    const { entry } = record;
    if (entry.kind === "adapter") return null;
    const analysis = await this.#analysis(record);
    const llama = await this.#llama();
    if (entry.error || !analysis.insights || !llama) return unknownEstimate(this.#memory, options);
    try {
      return await estimateMemory(analysis.insights, llama, this.#memory, { ...options, embedding: entry.kind === "embedding" });
    } catch {
      return unknownEstimate(this.#memory, options);
    }
  }

  async #resolveRecord(ref: string): Promise<LibraryRecord> {
    const scan = await this.#getScan(false);
    const trimmed = ref.trim();
    const records = [...scan.entries.values()];
    let record: LibraryRecord | undefined;
    if (/^[0-9a-f]{16}$/i.test(trimmed)) record = records.find((r) => r.entry.id === trimmed.toLowerCase());
    if (!record && /^[0-9a-f]{64}$/i.test(trimmed)) {
      record = records.find((r) => r.entry.sha256 === trimmed.toLowerCase());
      if (!record && !(await exists(this.#absolute(trimmed)))) {
        throw new EngineError("MODEL_NOT_FOUND", `No model in the library has SHA-256 ${trimmed.toLowerCase()} (a file's hash is known once it has been hashed).`, { ref });
      }
    }
    if (!record) {
      const abs = this.#absolute(trimmed);
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
        return this.#recordFor({ path: abs, realPath: real, source: "user", displayName: basename(abs), sizeBytes: st.size, mtimeMs: st.mtimeMs, knownSha256: null });
      }
    }
    return this.#refresh(scan, record);
  }

  /** Re-reads an entry whose file changed since the scan; MODEL_NOT_FOUND when it is gone. */
  async #refresh(scan: Scan, record: LibraryRecord): Promise<LibraryRecord> {
    let st;
    try {
      st = await stat(record.realPath);
    } catch {
      scan.entries.delete(record.realPath);
      throw new EngineError("MODEL_NOT_FOUND", `${record.entry.path} is no longer on disk.`, { path: record.entry.path });
    }
    if (st.size === record.entry.sizeBytes && st.mtimeMs === record.entry.mtimeMs) return record;
    const fresh = await this.#recordFor({
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
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function fsError(err: unknown, path: string): EngineError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new EngineError("NOT_FOUND", `${path} does not exist.`, { path });
  if (code === "EACCES" || code === "EPERM") return new EngineError("PERMISSION_DENIED", `${path} cannot be read: permission denied.`, { path });
  return new EngineError("INTERNAL", `${path}: ${describeFsError(err)}`, { path });
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
