// What answers a conversation turn: the loaded local model (held for the turn), or a remote
// OpenAI-compatible model. The turn logic (answer-turn.ts, chat-turns.ts) sees only this, so a
// grounded turn packs its sources the same way for both: by the model's tokens and context size.
//
// A grounded prompt is fitted before the model lock is taken (turnSizing: the tokenizer needs no
// lock), so retrieval and prompt building never wait on another turn's generation. Under the lock
// the turn checks that the same model still answers (sameAnswerer); a switch in between means the
// prompt is fitted again.
import { EngineError } from "../contract/errors.ts";
import type { ModelHost } from "../inference/model-host.ts";
import { runChatTurn, type TurnOutcome, type TurnRequest } from "../inference/chat-turn.ts";
import { estimateTokens, runRemoteChatTurn } from "../inference/remote-chat-turn.ts";
import type { RemoteCall } from "../inference/remote-backend.ts";

export interface TurnSizing {
  /** The model's tokens in a text (estimated for a remote model). */
  countTokens(text: string): number;
  /** Tokens the model sees at once. */
  contextSize: number;
  /** What answers: the loaded model's object or the remote call (a new load is a new object). */
  answerer: object;
}

export interface TurnBackend extends TurnSizing {
  run(request: TurnRequest): Promise<TurnOutcome>;
}

export type RemoteTurn = { call: RemoteCall; contextSize: number };

/** How the backend that will answer counts tokens, read without the model lock. */
export function turnSizing(host: ModelHost, remote: RemoteTurn | undefined): TurnSizing {
  if (remote) return { countTokens: estimateTokens, contextSize: remote.contextSize, answerer: remote.call };
  const loaded = host.loadedModel;
  const info = host.loadedInfo;
  if (!loaded || !info) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
  return { countTokens: (text) => loaded.model.tokenize(text).length, contextSize: info.contextSize, answerer: loaded.model };
}

/** Whether a prompt fitted to `fitted` still fits the backend now answering. */
export function sameAnswerer(fitted: TurnSizing, now: TurnSizing): boolean {
  return fitted.answerer === now.answerer && fitted.contextSize === now.contextSize;
}

/** Runs `fn` with the backend of a turn: `remote` when the turn names one, else the loaded model (held). */
export async function withTurnBackend<T>(host: ModelHost, remote: RemoteTurn | undefined, fn: (backend: TurnBackend) => Promise<T>): Promise<T> {
  if (remote) {
    return fn({ countTokens: estimateTokens, contextSize: remote.contextSize, answerer: remote.call, run: (request) => runRemoteChatTurn(remote.call, request) });
  }
  if (!host.loadedInfo) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
  return host.withLoaded((loaded) =>
    fn({
      countTokens: (text) => loaded.model.tokenize(text).length,
      contextSize: loaded.info.contextSize,
      answerer: loaded.model,
      run: (request) => runChatTurn(loaded, request),
    }),
  );
}
