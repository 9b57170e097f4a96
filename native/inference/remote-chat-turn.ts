// One assistant turn of a conversation answered by a remote model: the conversation (and, for a
// grounded turn, the prompt with its numbered sources, assembled here from the local index) is sent
// to the OpenAI-compatible endpoint, its deltas streamed back as a local turn's are, and its answer
// measured with the endpoint's token counts. Nothing else leaves the machine: retrieval stays local.
import type { StopReason } from "../contract/conversations.ts";
import type { CompletionMessage } from "../contract/completions.ts";
import { remoteChat, type RemoteCall } from "./remote-backend.ts";
import type { TurnOutcome, TurnRequest } from "./chat-turn.ts";

/** Rough tokens of a text for a model whose tokenizer is not here (~3.5 characters a token, rounded
 *  up), used to fit sources into its context: over-counting leaves room, never overflows. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

export function toRemoteMessages(request: Pick<TurnRequest, "systemPrompt" | "history" | "userText">): CompletionMessage[] {
  const messages: CompletionMessage[] = [];
  if (request.systemPrompt.trim()) messages.push({ role: "system", content: request.systemPrompt });
  for (const m of request.history) messages.push({ role: m.role, content: m.text });
  messages.push({ role: "user", content: request.userText });
  return messages;
}

export async function runRemoteChatTurn(call: RemoteCall, request: TurnRequest): Promise<TurnOutcome> {
  const started = performance.now();
  const result = await remoteChat({ ...call, signal: request.signal }, { messages: toRemoteMessages(request), options: request.sampling }, (text) => request.onDelta("text", text));
  const totalMs = performance.now() - started;
  const decodeMs = totalMs - result.ttftMs;
  const outputTokens = result.usage.completionTokens;
  const stopReason: StopReason = result.finishReason === "aborted" || request.signal.aborted ? "aborted" : result.finishReason === "length" ? "max-tokens" : "eos";
  return {
    text: result.text,
    thinking: "",
    stopReason,
    stats: {
      promptTokens: result.usage.promptTokens,
      evaluatedPromptTokens: result.usage.promptTokens,
      outputTokens,
      ttftMs: round(result.ttftMs),
      totalMs: round(totalMs),
      tokensPerSecond: outputTokens > 1 && decodeMs > 0 ? round(((outputTokens - 1) * 1000) / decodeMs) : 0,
      threads: 0, // not known: the endpoint's own machine decodes
      modelId: call.remote.id,
      modelName: `${call.remote.model} (${new URL(call.remote.baseUrl).host})`,
      quant: null,
    },
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
