// Per-answer figures from the engine: speed, time to first token, tokens and why it stopped.
import type { Message } from "../../../../native/contract/conversations.ts";

const stopLabel: Record<string, string> = {
  eos: "finished",
  "max-tokens": "hit the token limit",
  aborted: "stopped by you",
  interrupted: "interrupted",
  "context-full": "context full",
  error: "error",
};

export function MessageStats({ message }: { message: Message }) {
  const s = message.stats;
  if (!s) return null;
  const parts = [
    `${s.tokensPerSecond.toFixed(1)} tok/s`,
    `${Math.round(s.ttftMs)} ms to first token`,
    `${s.outputTokens} tokens`,
    message.stopReason ? stopLabel[message.stopReason] ?? message.stopReason : null,
    `${s.modelName}${s.quant ? ` ${s.quant}` : ""}`,
  ].filter(Boolean);
  const title = `Prompt ${s.promptTokens} tokens (${s.evaluatedPromptTokens} evaluated, rest from cache) · ${s.threads} threads · ${(s.totalMs / 1000).toFixed(1)} s total`;
  return (
    <div className="stats" title={title}>
      {parts.join(" · ")}
    </div>
  );
}
