// What answers a conversation turn: the loaded local model (held for the turn), or a remote
// OpenAI-compatible model. The turn logic (answer-turn.ts, chat-turns.ts) sees only this, so a
// grounded turn packs its sources the same way for both: by the model's tokens and context size.
//
// A grounded prompt is fitted before the model lock is taken (turnSizing: the tokenizer needs no
// lock), so retrieval and prompt building never wait on another turn's generation. Under the lock
// the turn checks that the same model still answers (sameAnswerer); a switch in between means the
// prompt is fitted again. A conversation's context cap (conversations.update) is the context size
// on both sides, so what was fitted is what is checked.
import { existsSync } from "node:fs";
import { EngineError, isEngineError } from "../contract/errors.ts";
import type { ConversationAdapter } from "../contract/conversations.ts";
import type { Loaded, LoadProgress, ModelHost } from "../inference/model-host.ts";
import { runChatTurn, type TurnOutcome, type TurnRequest } from "../inference/chat-turn.ts";
import { estimateTokens, runRemoteChatTurn } from "../inference/remote-chat-turn.ts";
import type { RemoteCall } from "../inference/remote-backend.ts";

export interface TurnSizing {
  /** The model's tokens in a text (estimated for a remote model). */
  countTokens(text: string): number;
  /** Tokens the model sees at once (the conversation's cap when it is smaller). */
  contextSize: number;
  /** What answers: the loaded model's object or the remote call (a new load is a new object). */
  answerer: object;
}

export interface TurnBackend extends TurnSizing {
  run(request: TurnRequest): Promise<TurnOutcome>;
}

export type RemoteTurn = { call: RemoteCall; contextSize: number };

/** What a conversation asks of the local model for its turns (absent fields: nothing). */
export interface TurnModelSettings {
  /** The conversation's own adapters; null: whatever the loaded model has. */
  lora?: readonly ConversationAdapter[] | null;
  /** The conversation's context cap; null: the loaded model's context. */
  contextSize?: number | null;
  /** Told when the adapters are being swapped (a moment's wait before the first token). */
  onProgress?: (p: LoadProgress) => void;
}

/** A context size bounded by the conversation's cap, if it has one. */
function capped(contextSize: number, cap: number | null | undefined): number {
  return cap == null ? contextSize : Math.min(cap, contextSize);
}

/** How the backend that will answer counts tokens, read without the model lock. */
export function turnSizing(host: ModelHost, remote: RemoteTurn | undefined, settings: Pick<TurnModelSettings, "contextSize"> = {}): TurnSizing {
  if (remote) return { countTokens: estimateTokens, contextSize: capped(remote.contextSize, settings.contextSize), answerer: remote.call };
  const loaded = host.loadedModel;
  const info = host.loadedInfo;
  if (!loaded || !info) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
  return { countTokens: (text) => loaded.model.tokenize(text).length, contextSize: capped(info.contextSize, settings.contextSize), answerer: loaded.model };
}

/** Whether a prompt fitted to `fitted` still fits the backend now answering. */
export function sameAnswerer(fitted: TurnSizing, now: TurnSizing): boolean {
  return fitted.answerer === now.answerer && fitted.contextSize === now.contextSize;
}

/** Runs `fn` with the backend of a turn: `remote` when the turn names one, else the loaded model
 *  (held) with the conversation's adapters applied and its context cap as the backend's context size. */
export async function withTurnBackend<T>(host: ModelHost, remote: RemoteTurn | undefined, fn: (backend: TurnBackend) => Promise<T>, settings: TurnModelSettings = {}): Promise<T> {
  if (remote) {
    return fn({ countTokens: estimateTokens, contextSize: capped(remote.contextSize, settings.contextSize), answerer: remote.call, run: (request) => runRemoteChatTurn(remote.call, request) });
  }
  if (!host.loadedInfo) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
  if (settings.lora) assertAdaptersExist(settings.lora);
  const run = (loaded: Loaded) => {
    const cap = settings.contextSize ?? null;
    const contextSize = capped(loaded.info.contextSize, cap);
    return fn({
      countTokens: (text) => loaded.model.tokenize(text).length,
      contextSize,
      answerer: loaded.model,
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
