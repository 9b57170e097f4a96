// What answers a conversation turn: the loaded local model (held for the turn), or a remote
// OpenAI-compatible model. The turn logic (answer-turn.ts, chat-turns.ts) sees only this, so a
// grounded turn packs its sources the same way for both: by the model's tokens and context size.
import { EngineError } from "../contract/errors.ts";
import type { ModelHost } from "../inference/model-host.ts";
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

/** Runs `fn` with the backend of a turn: `remote` when the turn names one, else the loaded model. */
export async function withTurnBackend<T>(host: ModelHost, remote: { call: RemoteCall; contextSize: number } | undefined, fn: (backend: TurnBackend) => Promise<T>): Promise<T> {
  if (remote) {
    return fn({ countTokens: estimateTokens, contextSize: remote.contextSize, run: (request) => runRemoteChatTurn(remote.call, request) });
  }
  if (!host.loadedInfo) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load a model first.");
  return host.withLoaded((loaded) =>
    fn({ countTokens: (text) => loaded.model.tokenize(text).length, contextSize: loaded.info.contextSize, run: (request) => runChatTurn(loaded, request) }),
  );
}
