// The one owner of the embedding context the API's /v1/embeddings uses: on the loaded chat model
// when the request names it, otherwise on a GGUF of the library loaded for this (one at a time; a
// request naming another model replaces it). Calls run one after another on its lock.
import type { LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { EngineError } from "../contract/errors.ts";
import type { ModelEntry } from "../contract/models.ts";
import { Mutex } from "../util/mutex.ts";
import type { LlamaRuntime } from "./llama-runtime.ts";
import type { ModelHost } from "./model-host.ts";
import { isModelNamed } from "./model-names.ts";

export interface EmbeddingHostDeps {
  runtime: LlamaRuntime;
  host: ModelHost;
  /** Finds a library model by any of its names; throws MODEL_NOT_FOUND. */
  find(ref: string): Promise<ModelEntry>;
}

interface Held {
  entry: ModelEntry;
  /** Set when this host loaded the model itself (and must free it). */
  ownModel: LlamaModel | undefined;
  context: LlamaEmbeddingContext;
}

const EMBEDDING_CONTEXT = 2048;

export class EmbeddingHost {
  readonly #deps: EmbeddingHostDeps;
  readonly #lock = new Mutex();
  #held: Held | undefined;

  constructor(deps: EmbeddingHostDeps) {
    this.#deps = deps;
  }

  async embed(ref: string, texts: readonly string[], signal: AbortSignal): Promise<{ model: string; vectors: number[][]; promptTokens: number }> {
    return this.#lock.run(async () => {
      const held = await this.#contextFor(ref);
      const vectors: number[][] = [];
      let promptTokens = 0;
      for (const [index, text] of texts.entries()) {
        signal.throwIfAborted();
        const length = held.context.calculateInputLength(text);
        const limit = held.context.model.trainContextSize > 0 ? Math.min(EMBEDDING_CONTEXT, held.context.model.trainContextSize) : EMBEDDING_CONTEXT;
        if (length > limit) throw new EngineError("INVALID_INPUT", `input[${index}] has ${length} tokens; at most ${limit} can be embedded at once.`, { param: "input" });
        promptTokens += length;
        vectors.push(Array.from((await held.context.getEmbeddingFor(text)).vector));
      }
      return { model: held.entry.id, vectors, promptTokens };
    });
  }

  async #contextFor(ref: string): Promise<Held> {
    const loaded = this.#deps.host.loadedModel;
    const current = this.#held;
    if (current && !current.context.disposed && isModelNamed(current.entry, ref)) return current;
    await this.#release();
    const llama = await this.#deps.runtime.get();
    if (loaded && isModelNamed(loaded.entry, ref)) {
      const context = await loaded.model.createEmbeddingContext({ contextSize: Math.min(EMBEDDING_CONTEXT, loaded.model.trainContextSize || EMBEDDING_CONTEXT) });
      this.#held = { entry: loaded.entry, ownModel: undefined, context };
      return this.#held;
    }
    const entry = await this.#deps.find(ref);
    if (entry.kind === "adapter") throw new EngineError("INVALID_INPUT", `${entry.displayName} is a LoRA adapter and cannot embed.`);
    const model = await llama.loadModel({ modelPath: entry.path });
    try {
      const context = await model.createEmbeddingContext({ contextSize: Math.min(EMBEDDING_CONTEXT, model.trainContextSize || EMBEDDING_CONTEXT) });
      this.#held = { entry, ownModel: model, context };
      return this.#held;
    } catch (err) {
      await model.dispose();
      throw err;
    }
  }

  async #release(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (!held) return;
    if (!held.context.disposed) await held.context.dispose();
    await held.ownModel?.dispose();
  }

  async dispose(): Promise<void> {
    await this.#lock.run(() => this.#release());
  }
}
