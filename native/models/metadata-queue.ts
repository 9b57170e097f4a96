// Each file's GGUF metadata, read one file at a time (reading loads llama.cpp's parser, and two at
// once only compete for the disk) and cached in memory by real path + size + mtime.
import type { Llama } from "node-llama-cpp";
import type { LlamaRuntime } from "../inference/llama-runtime.ts";
import { Mutex } from "../util/mutex.ts";
import { analyzeGguf, type Analysis } from "./metadata.ts";

interface CachedAnalysis {
  sizeBytes: number;
  mtimeMs: number;
  analysis: Analysis;
}

export class MetadataQueue {
  readonly #runtime: LlamaRuntime;
  readonly #llama: () => Promise<Llama | undefined>;
  readonly #analyses = new Map<string, CachedAnalysis>();
  readonly #lock = new Mutex();

  constructor(runtime: LlamaRuntime, llama: () => Promise<Llama | undefined>) {
    this.#runtime = runtime;
    this.#llama = llama;
  }

  analyze(realPath: string, sizeBytes: number, mtimeMs: number, fileName: string): Promise<Analysis> {
    const cached = this.#cached(realPath, sizeBytes, mtimeMs);
    if (cached) return Promise.resolve(cached);
    return this.#lock.run(async () => {
      // Read while this call waited its turn?
      const again = this.#cached(realPath, sizeBytes, mtimeMs);
      if (again) return again;
      const runtime = this.#runtime;
      const analysis = await analyzeGguf(realPath, {
        llama: await this.#llama(),
        sizeBytes,
        fileName,
        llamaErrorsSince: (since) => runtime.logsSince(since).filter((l) => l.level === "error" || l.level === "fatal").map((l) => l.message),
      });
      this.#analyses.set(realPath, { sizeBytes, mtimeMs, analysis });
      return analysis;
    });
  }

  /** Waits for the reads already queued, then forgets every cached analysis. */
  async close(): Promise<void> {
    await this.#lock.run(async () => undefined);
    this.#analyses.clear();
  }

  #cached(realPath: string, sizeBytes: number, mtimeMs: number): Analysis | undefined {
    const cached = this.#analyses.get(realPath);
    return cached && cached.sizeBytes === sizeBytes && cached.mtimeMs === mtimeMs ? cached.analysis : undefined;
  }
}
