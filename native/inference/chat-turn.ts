// One assistant turn on the loaded model: bring the session's history in line with the conversation
// (only when it differs, so the KV cache of earlier turns is reused), stream deltas as they come,
// and measure the answer. Cancelling returns the partial answer instead of throwing.
import type { Message, Sampling, AnswerStats, StopReason } from "../contract/conversations.ts";
import type { Loaded } from "./model-host.ts";
import { toChatHistory } from "./chat-history.ts";
import { fitHistory } from "./history-fit.ts";
import { speculativeStats } from "./speculative.ts";

export interface TurnRequest {
  conversationId: string;
  systemPrompt: string;
  /** Messages before the user message being answered. */
  history: readonly Message[];
  userText: string;
  sampling: Sampling;
  signal: AbortSignal;
  /** Called for every delta, in order, before the next one is produced. */
  onDelta: (kind: "text" | "thinking", text: string) => void;
  /** The conversation's context cap, when below the loaded context: the history is trimmed to it
   *  (history-fit.ts) and the answer ends ("context-full") where the cap is reached. */
  contextLimit?: number;
}

export interface TurnOutcome {
  text: string;
  thinking: string;
  stopReason: StopReason;
  stats: AnswerStats;
}

export async function runChatTurn(loaded: Loaded, request: TurnRequest): Promise<TurnOutcome> {
  const { session, sequence, info } = loaded;
  const sampling = request.sampling;
  let history = request.history;
  let maxTokens = sampling.maxTokens;
  let capped = false;
  if (request.contextLimit !== undefined && request.contextLimit < loaded.context.contextSize) {
    const fit = fitHistory(request.history, request.contextLimit, sampling.maxTokens, (kept) => promptTokensOf(loaded, request.systemPrompt, kept, request.userText));
    history = fit.history;
    capped = maxTokens === undefined || fit.answerTokens < maxTokens;
    maxTokens = Math.min(maxTokens ?? Number.MAX_SAFE_INTEGER, fit.answerTokens);
  }
  const bound = loaded.bound;
  const firstId = history[0]?.id ?? null;
  if (!bound || bound.conversationId !== request.conversationId || bound.messageCount !== history.length || bound.firstId !== firstId) {
    session.setChatHistory(toChatHistory(request.systemPrompt, history));
  }
  // The binding is unknown until this turn completes: a failure mid-turn must force a resync.
  loaded.bound = null;

  const meterBefore = sequence.tokenMeter.getState();
  const predictionsBefore = { ...sequence.tokenPredictions };
  const started = performance.now();
  let firstTokenAt: number | undefined;
  let text = "";
  let thinking = "";

  const generation = session.promptWithMeta(request.userText, {
    signal: request.signal,
    stopOnAbortSignal: true,
    maxTokens,
    temperature: sampling.temperature,
    topP: sampling.topP,
    topK: sampling.topK,
    minP: sampling.minP,
    seed: sampling.seed,
    repeatPenalty: sampling.repeatPenalty && sampling.repeatPenalty !== 1 ? { penalty: sampling.repeatPenalty } : false,
    onResponseChunk: (chunk) => {
      if (!chunk.text) return;
      firstTokenAt ??= performance.now();
      if (chunk.type === "segment") {
        if (chunk.segmentType !== "thought") return; // comments etc. are not shown
        thinking += chunk.text;
        request.onDelta("thinking", chunk.text);
      } else {
        text += chunk.text;
        request.onDelta("text", chunk.text);
      }
    },
  });
  // Cancelled before the first token, node-llama-cpp throws even with stopOnAbortSignal: that is
  // still a cancel with a (possibly empty) partial answer, not a failure.
  const result = await generation.catch((err: unknown) => {
    if (request.signal.aborted) return { stopReason: "abort" as const };
    throw err;
  });

  const ended = performance.now();
  const meterAfter = sequence.tokenMeter.getState();
  const outputTokens = meterAfter.usedOutputTokens - meterBefore.usedOutputTokens;
  const evaluatedPromptTokens = meterAfter.usedInputTokens - meterBefore.usedInputTokens;
  const ttftMs = (firstTokenAt ?? ended) - started;
  const decodeMs = ended - (firstTokenAt ?? ended);
  loaded.bound = { conversationId: request.conversationId, messageCount: history.length + 2, firstId: history[0]?.id ?? null };

  let stopReason = mapStopReason(result.stopReason, request.signal.aborted);
  if (stopReason === "max-tokens" && capped) stopReason = "context-full";
  return {
    text, // exactly what was streamed (and journaled), not a re-trimmed copy
    thinking,
    stopReason,
    stats: {
      promptTokens: Math.max(0, sequence.nextTokenIndex - outputTokens),
      evaluatedPromptTokens,
      outputTokens,
      ttftMs: round(ttftMs),
      totalMs: round(ended - started),
      tokensPerSecond: outputTokens > 1 && decodeMs > 0 ? round(((outputTokens - 1) * 1000) / decodeMs) : 0,
      threads: info.threads,
      modelId: info.model.id,
      modelName: info.model.displayName,
      quant: info.model.quant,
      ...(info.speculative ? { speculative: speculativeStats(info.speculative, predictionsBefore, sequence.tokenPredictions) } : {}),
      adapters: info.lora.map((a) => ({ name: adapterName(a.path), scale: a.scale })),
    },
  };
}

/** Tokens of the whole prompt the chat template makes of a system prompt, history and question. */
function promptTokensOf(loaded: Loaded, systemPrompt: string, history: readonly Message[], userText: string): number {
  const chatHistory = [...toChatHistory(systemPrompt, history), { type: "user" as const, text: userText }, { type: "model" as const, response: [] }];
  return loaded.session.chatWrapper.generateContextState({ chatHistory }).contextText.tokenize(loaded.model.tokenizer).length;
}

/** An adapter as answers name it: its file name without folders. */
export function adapterName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function mapStopReason(reason: string, aborted: boolean): StopReason {
  if (aborted || reason === "abort") return "aborted";
  if (reason === "maxTokens") return "max-tokens";
  return "eos";
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
