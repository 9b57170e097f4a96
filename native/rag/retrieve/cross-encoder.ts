// Optional second-stage reranker: a reranker GGUF (e.g. bge-reranker) scores (query, passage) pairs
// through node-llama-cpp's ranking context. Having none is normal; loading a model that is not a
// reranker is INVALID_MODEL_FILE.
import type { LlamaModel, LlamaRankingContext } from "node-llama-cpp";
import { EngineError } from "../../contract/errors.ts";
import type { LlamaRuntime } from "../../inference/llama-runtime.ts";
import { Mutex } from "../../util/mutex.ts";

export interface CrossEncoderOptions {
  runtime: LlamaRuntime;
  modelPath: string;
  contextSize?: number;
  threads?: number;
  gpuLayers?: number | "auto";
}

export class CrossEncoder {
  #model: LlamaModel | undefined;
  #context: LlamaRankingContext | undefined;
  readonly #lock = new Mutex();

  private constructor(model: LlamaModel, context: LlamaRankingContext) {
    this.#model = model;
    this.#context = context;
  }

  static async load(options: CrossEncoderOptions): Promise<CrossEncoder> {
    const llama = await options.runtime.get();
    const model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: options.gpuLayers ?? "auto" });
    try {
      const context = await model.createRankingContext({
        contextSize: options.contextSize ?? Math.min(1024, model.trainContextSize),
        ...(options.threads ? { threads: options.threads } : {}),
      });
      return new CrossEncoder(model, context);
    } catch (err) {
      await model.dispose();
      throw new EngineError("INVALID_MODEL_FILE", `Not a reranker model: ${(err as Error).message}`, { modelPath: options.modelPath }, { cause: err });
    }
  }

  /** One relevance score (0–1) per passage, in order; long passages are cut to the context. */
  rank(query: string, passages: readonly string[]): Promise<number[]> {
    return this.#lock.run(async () => {
      if (!this.#context) throw new EngineError("NO_MODEL_LOADED", "The reranker has been disposed.");
      return this.#context.rankAll(query, [...passages], { onOverflow: "maxChunk" });
    });
  }

  async dispose(): Promise<void> {
    const context = this.#context;
    const model = this.#model;
    this.#context = undefined;
    this.#model = undefined;
    await this.#lock.drained(); // a rank already running finishes first
    await context?.dispose();
    await model?.dispose();
  }
}
