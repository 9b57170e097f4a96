// Router handlers for stateless generation (the API server's chat and text completions) and
// embeddings by model name. Generation runs on a serving sequence of the loaded model; the model a
// request names must be the loaded one: the API never switches the model under the app.
import type { completionMethods } from "../contract/completions.ts";
import { EngineError } from "../contract/errors.ts";
import type { Settings } from "../contract/settings.ts";
import type { Handlers, CallContext } from "../router/types.ts";
import type { Loaded, ModelHost } from "../inference/model-host.ts";
import type { EmbeddingHost } from "../inference/embedding-host.ts";
import { isModelNamed } from "../inference/model-names.ts";
import { generateChat, generateText } from "../inference/stateless-generate.ts";
import { remoteChat, remoteEmbeddings, remoteText } from "../inference/remote-backend.ts";
import type { RemoteResolver } from "../inference/remote-resolver.ts";

export interface CompletionHandlerDeps {
  host: ModelHost;
  embeddings: EmbeddingHost;
  settings: () => Settings;
  /** Throws MODEL_NOT_FOUND when no library model has this name. */
  exists(ref: string): Promise<unknown>;
  /** Resolves model names to the configured remote models (policy and offline checked there). */
  remote: RemoteResolver;
}

export function createCompletionHandlers(deps: CompletionHandlerDeps): Handlers<typeof completionMethods> {
  const { host } = deps;

  const remote = deps.remote;

  /** Checks the requested model against the loaded one before waiting for a sequence. */
  async function checkModel(ref: string | undefined): Promise<void> {
    const loaded = host.loadedInfo;
    if (loaded && (ref === undefined || isModelNamed(loaded.model, ref))) return;
    if (ref !== undefined) await deps.exists(ref); // MODEL_NOT_FOUND for names nothing answers to
    throw new EngineError(
      "NO_MODEL_LOADED",
      loaded ? `The model "${ref}" is not the loaded one (${loaded.model.displayName}); load it first.` : "No model is loaded. Load one first (inference.load).",
    );
  }

  const onText = (ctx: CallContext) => (text: string) => ctx.emit("completion.delta", { text });
  const defaults = (): Settings["sampling"] => deps.settings().sampling;
  const modelId = (loaded: Loaded): string => loaded.info.model.id;

  return {
    "completions.chat": async (input, ctx) => {
      const far = await remote(input.model, ctx.signal);
      if (far) return remoteChat(far, { ...input, options: { ...defaults(), ...input.options } }, onText(ctx));
      await checkModel(input.model);
      return host.withServingSequence(ctx.signal, (loaded, sequence, signal) =>
        generateChat(sequence, {
          modelId: modelId(loaded),
          messages: input.messages,
          options: { ...defaults(), ...input.options },
          ...(input.responseFormat ? { responseFormat: input.responseFormat } : {}),
          ...(input.tools ? { tools: input.tools } : {}),
          ...(input.toolChoice ? { toolChoice: input.toolChoice } : {}),
          signal,
          onText: onText(ctx),
        }),
      );
    },
    "completions.text": async (input, ctx) => {
      const far = await remote(input.model, ctx.signal);
      if (far) return remoteText(far, { ...input, options: { ...defaults(), ...input.options } }, onText(ctx));
      await checkModel(input.model);
      return host.withServingSequence(ctx.signal, (loaded, sequence, signal) =>
        generateText(sequence, {
          modelId: modelId(loaded),
          prompt: input.prompt,
          options: { ...defaults(), ...input.options },
          ...(input.responseFormat ? { responseFormat: input.responseFormat } : {}),
          signal,
          onText: onText(ctx),
        }),
      );
    },
    "embeddings.create": async (input, ctx) => {
      const far = await remote(input.model, ctx.signal);
      return far ? remoteEmbeddings(far, input.input) : deps.embeddings.embed(input.model, input.input, ctx.signal);
    },
    "completions.status": async () => host.servingStatus,
  };
}
