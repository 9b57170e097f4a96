// The one owner of the process-wide llama.cpp binding. Everything that needs `Llama` (loading,
// GGUF insights, embeddings) asks this runtime, so the binding is created once, with our thread
// budget and log capture, and disposed once.
import type { Llama, LlamaLogLevel } from "node-llama-cpp";
import { importLlama, llamaLoaded } from "./llama-module.ts";
import { availableParallelism } from "node:os";

export interface LlamaRuntimeOptions {
  /** "auto" picks the best prebuilt binary (Metal/CUDA/Vulkan) and falls back to CPU. */
  gpu?: "auto" | false;
  /** Upper bound on threads for any context; never above the machine's parallelism. */
  maxThreads?: number;
}

/** A llama.cpp log line kept so that a failure can be explained with llama.cpp's own reason. */
export interface CapturedLog {
  level: LlamaLogLevel;
  message: string;
  at: number;
}

const LOG_RING_SIZE = 200;

export class LlamaRuntime {
  #llama: Promise<Llama> | undefined;
  #resolved: Llama | undefined;
  readonly #options: LlamaRuntimeOptions;
  readonly #logs: CapturedLog[] = [];

  constructor(options: LlamaRuntimeOptions = {}) {
    this.#options = options;
  }

  get(): Promise<Llama> {
    this.#llama ??= importLlama()
      .then(({ getLlama, LlamaLogLevel }) =>
        getLlama({
          gpu: this.#options.gpu ?? "auto",
          // Never compile llama.cpp at run time: use the prebuilt binaries or fail clearly.
          build: "never",
          maxThreads: Math.min(this.#options.maxThreads ?? availableParallelism(), availableParallelism()),
          logLevel: LlamaLogLevel.warn,
          logger: (level, message) => this.#capture(level, message),
        }),
      )
      .then((llama) => {
        this.#resolved = llama;
        return llama;
      })
      .catch((err: unknown) => {
      this.#llama = undefined; // let a later call try again
      throw err;
    });
    return this.#llama;
  }

  /** The backend in use ("cuda", "metal", "vulkan", or false for CPU), or null before first use. */
  gpuIfLoaded(): string | false | null {
    return this.#resolved === undefined ? null : this.#resolved.gpu;
  }

  /** llama.cpp's log lines since `sinceMs` (warnings and errors): the real reason for a failed load. */
  logsSince(sinceMs: number): CapturedLog[] {
    return this.#logs.filter((l) => l.at >= sinceMs);
  }

  /** The last error-level message since `sinceMs`, if llama.cpp gave one. */
  lastErrorSince(sinceMs: number): string | undefined {
    if (this.#logs.length === 0) return undefined; // nothing logged: llama.cpp may not even be imported
    const { LlamaLogLevel } = llamaLoaded();
    const errors = this.logsSince(sinceMs).filter((l) => l.level === LlamaLogLevel.error || l.level === LlamaLogLevel.fatal);
    return errors.at(-1)?.message.trim();
  }

  #capture(level: LlamaLogLevel, message: string): void {
    this.#logs.push({ level, message, at: Date.now() });
    if (this.#logs.length > LOG_RING_SIZE) this.#logs.splice(0, this.#logs.length - LOG_RING_SIZE);
    if (process.env.ENCLAVE_LOG_LEVEL === "debug" || level === llamaLoaded().LlamaLogLevel.fatal) {
      process.stderr.write(`[llama.cpp ${level}] ${message.trimEnd()}\n`);
    }
  }

  async dispose(): Promise<void> {
    const pending = this.#llama;
    this.#llama = undefined;
    this.#resolved = undefined;
    if (pending) await (await pending.catch(() => undefined))?.dispose();
  }
}
