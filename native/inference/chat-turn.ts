// One assistant turn on the loaded model: bring the session's history in line with the conversation
// (only when it differs, so the KV cache of earlier turns is reused), stream deltas as they come,
// and measure the answer. Cancelling returns the partial answer instead of throwing.
import type { Message, Sampling, AnswerStats, StopReason } from "../contract/conversations.ts";
import type { Loaded } from "./model-host.ts";
import { toChatHistory } from "./chat-history.ts";
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
}

export interface TurnOutcome {
  text: string;
  thinking: string;
  stopReason: StopReason;
  stats: AnswerStats;
}

export async function runChatTurn(loaded: Loaded, request: TurnRequest): Promise<TurnOutcome> {
  const { session, sequence, info } = loaded;
  const bound = loaded.bound;
  if (!bound || bound.conversationId !== request.conversationId || bound.messageCount !== request.history.length) {
    session.setChatHistory(toChatHistory(request.systemPrompt, request.history));
  }
  // The binding is unknown until this turn completes: a failure mid-turn must force a resync.
  loaded.bound = null;

  const meterBefore = sequence.tokenMeter.getState();
  const predictionsBefore = { ...sequence.tokenPredictions };
  const started = performance.now();
  let firstTokenAt: number | undefined;
  let text = "";
  let thinking = "";
  const sampling = request.sampling;

  const generation = session.promptWithMeta(request.userText, {
    signal: request.signal,
    stopOnAbortSignal: true,
    maxTokens: sampling.maxTokens,
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
  loaded.bound = { conversationId: request.conversationId, messageCount: request.history.length + 2 };

  const stopReason = mapStopReason(result.stopReason, request.signal.aborted);
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
    },
  };
}

function mapStopReason(reason: string, aborted: boolean): StopReason {
  if (aborted || reason === "abort") return "aborted";
  if (reason === "maxTokens") return "max-tokens";
  return "eos";
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
