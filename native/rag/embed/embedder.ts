// The one owner of an embedding model and its context. Embeds texts in batches (progress after each,
// cancellation between texts), one call at a time (a lock), and names itself by the model file's
// SHA-256 plus its vector size, so vectors from different models never get mixed.
import type { LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { EngineError } from "../../contract/errors.ts";
import type { LlamaRuntime } from "../../inference/llama-runtime.ts";
import { Mutex } from "../../util/mutex.ts";

export interface EmbedderOptions {
  runtime: LlamaRuntime;
  modelPath: string;
  /** SHA-256 (hex) of the GGUF file: the caller already has it from the model library. */
  modelSha256: string;
  /** Tokens per text; texts longer than this are refused (chunk to `maxTokens` first). Default 512. */
  contextSize?: number;
  threads?: number;
  gpuLayers?: number | "auto";
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Called after each batch: texts embedded so far, of `total`. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Texts per progress report / cancellation check. Default 16. */
  batchSize?: number;
}

/** `<sha256>:<dims>` — the identity stored with every vector. */
export function makeEmbedderId(modelSha256: string, dims: number): string {
  if (!/^[0-9a-f]{64}$/.test(modelSha256)) throw new EngineError("INVALID_INPUT", "modelSha256 must be 64 lowercase hex digits");
  return `${modelSha256}:${dims}`;
}

export class Embedder {
  readonly embedderId: string;
  readonly dims: number;
  readonly contextSize: number;
  #model: LlamaModel | undefined;
  #context: LlamaEmbeddingContext | undefined;
  readonly #lock = new Mutex();

  private constructor(model: LlamaModel, context: LlamaEmbeddingContext, sha256: string, contextSize: number) {
    this.#model = model;
    this.#context = context;
    this.dims = model.embeddingVectorSize;
    this.contextSize = contextSize;
    this.embedderId = makeEmbedderId(sha256, this.dims);
  }

  static async load(options: EmbedderOptions): Promise<Embedder> {
    const sha = options.modelSha256.toLowerCase();
    makeEmbedderId(sha, 1); // validate before loading anything
    const llama = await options.runtime.get();
    const model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: options.gpuLayers ?? "auto" });
    try {
      const contextSize = options.contextSize ?? Math.min(512, model.trainContextSize);
      const context = await model.createEmbeddingContext({ contextSize, ...(options.threads ? { threads: options.threads } : {}) });
      return new Embedder(model, context, sha, contextSize);
    } catch (err) {
      await model.dispose();
      throw err;
    }
  }

  /** Tokens the model sees for `text` (the chunker's `countTokens`). */
  countTokens(text: string): number {
    return this.#live().model.tokenize(text).length;
  }

  /** One vector per text, in order. Throws ABORTED when `signal` fires (while waiting, or between texts). */
  embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    return this.#lock.run(() => this.#embed(texts, options), {
      signal: options.signal,
      reason: () => new EngineError("ABORTED", "Embedding cancelled.", { done: 0, total: texts.length }),
    });
  }

  async #embed(texts: readonly string[], { signal, onProgress, batchSize = 16 }: EmbedOptions): Promise<Float32Array[]> {
    const context = this.#live();
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      for (const text of texts.slice(i, i + batchSize)) {
        if (signal?.aborted) throw new EngineError("ABORTED", "Embedding cancelled.", { done: out.length, total: texts.length });
        const length = context.calculateInputLength(text);
        if (length > this.contextSize) {
          throw new EngineError("INVALID_INPUT", `A text of ${length} tokens exceeds the embedding context (${this.contextSize}).`, { index: out.length });
        }
        const embedding = await context.getEmbeddingFor(text);
        out.push(Float32Array.from(embedding.vector));
      }
      onProgress?.({ done: out.length, total: texts.length });
    }
    return out;
  }

  #live(): LlamaEmbeddingContext {
    if (!this.#context || this.#context.disposed) throw new EngineError("NO_MODEL_LOADED", "The embedder has been disposed.");
    return this.#context;
  }

  /** Waits for a running embed to finish (or fail), then frees the context and the model. */
  async dispose(): Promise<void> {
    const context = this.#context;
    const model = this.#model;
    this.#context = undefined;
    this.#model = undefined;
    await this.#lock.drained(); // an embed already running finishes (or fails) first
    await context?.dispose();
    await model?.dispose();
  }
}
