// What answers a conversation turn: the loaded local model (held for the turn), or a remote
// OpenAI-compatible model. The turn logic (answer-turn.ts, chat-turns.ts) sees only this, so a
// grounded turn packs its sources the same way for both: by the model's tokens and context size.
import { existsSync } from "node:fs";
import { EngineError, isEngineError } from "../contract/errors.ts";
import type { ConversationAdapter } from "../contract/conversations.ts";
import type { Loaded, LoadProgress, ModelHost } from "../inference/model-host.ts";
import { runChatTurn, type TurnOutcome, type TurnRequest } from "../inference/chat-turn.ts";
import { estimateTokens, runRemoteChatTurn } from "../inference/remote-chat-turn.ts";
import type { RemoteCall } from "../inference/remote-backend.ts";

export interface TurnBackend {
  /** The model's tokens in a text (estimated for a remote model). */
  countTokens(text: string): number;
  /** Tokens the model sees at once. */
  contextSize: number;
  run(request: TurnRequest): Promise<TurnOutcome>;
}

/** What a conversation asks of the local model for its turns (absent fields: nothing). */
export interface TurnModelSettings {
  /** The conversation's own adapters; null: whatever the loaded model has. */
  lora?: readonly ConversationAdapter[] | null;
  /** The conversation's context cap; null: the loaded model's context. */
  contextSize?: number | null;
  /** Told when the adapters are being swapped (a moment's wait before the first token). */
  onProgress?: (p: LoadProgress) => void;
}

/** Runs `fn` with the backend of a turn: `remote` when the turn names one, else the loaded model
 *  with the conversation's adapters applied and its context cap as the backend's context size. */
export async function withTurnBackend<T>(host: ModelHost, remote: { call: RemoteCall; contextSize: number } | undefined, fn: (backend: TurnBackend) => Promise<T>, settings: TurnModelSettings = {}): Promise<T> {
  if (remote) {
    const contextSize = Math.min(remote.contextSize, settings.contextSize ?? Number.MAX_SAFE_INTEGER);
    return fn({ countTokens: estimateTokens, contextSize, run: (request) => runRemoteChatTurn(remote.call, request) });
  }
  if (!host.loadedInfo) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
  if (settings.lora) assertAdaptersExist(settings.lora);
  const run = (loaded: Loaded) => {
    const cap = settings.contextSize ?? null;
    const contextSize = cap === null ? loaded.info.contextSize : Math.min(cap, loaded.info.contextSize);
    return fn({
      countTokens: (text) => loaded.model.tokenize(text).length,
      contextSize,
      run: (request) => runChatTurn(loaded, cap === null ? request : { ...request, contextLimit: contextSize }),
    });
  };
  try {
    return await host.withLoaded(run, { lora: settings.lora ?? null, ...(settings.onProgress && { onProgress: settings.onProgress }) });
  } catch (err) {
    if (isEngineError(err, "INCOMPATIBLE_ADAPTER")) {
      throw new EngineError("INCOMPATIBLE_ADAPTER", `This conversation's adapters could not be applied, so it was not answered (nothing was written, and the model keeps the adapters it had). ${err.message} Change the adapters in the conversation's settings.`, err.details);
    }
    throw err;
  }
}

/** A moved or deleted adapter file is named as such, before anything is swapped or written. */
function assertAdaptersExist(adapters: readonly ConversationAdapter[]): void {
  for (const adapter of adapters) {
    if (!existsSync(adapter.path)) {
      throw new EngineError("INCOMPATIBLE_ADAPTER", `This conversation's LoRA adapter ${adapter.path} is not there any more (moved or deleted), so it was not answered; nothing was written. Remove it or add it again in the conversation's settings.`);
    }
  }
}
