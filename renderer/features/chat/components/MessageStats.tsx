// Per-answer figures from the engine: speed, time to first token, tokens, why it stopped, with
// speculative decoding how many predicted tokens the model accepted, and the LoRA adapters (with
// their scales) the answer was written with.
import type { AnswerStats, Message } from "../../../../native/contract/conversations.ts";

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
    s.speculative ? speculativeLabel(s.speculative) : null,
    s.adapters?.length ? adaptersLabel(s.adapters) : null,
  ].filter(Boolean);
  const title = `Prompt ${s.promptTokens} tokens (${s.evaluatedPromptTokens} evaluated, rest from cache) · ${s.threads} threads · ${(s.totalMs / 1000).toFixed(1)} s total`;
  return (
    <div className="stats" title={title}>
      {parts.join(" · ")}
    </div>
  );
}

const predictorLabel = { "prompt-lookup": "prompt lookup", draft: "draft" } as const;

/** "draft: 62% of 40 predicted tokens accepted", or that nothing was predicted. */
export function speculativeLabel(spec: NonNullable<AnswerStats["speculative"]>): string {
  const name = predictorLabel[spec.predictor];
  if (spec.acceptanceRate === null) return `${name}: no tokens predicted`;
  return `${name}: ${Math.round(spec.acceptanceRate * 100)}% of ${spec.validated + spec.refuted} predicted tokens accepted`;
}

/** "LoRA style.gguf ×2, tone.gguf ×0.5". */
export function adaptersLabel(adapters: NonNullable<AnswerStats["adapters"]>): string {
  return `LoRA ${adapters.map((a) => `${a.name} ×${a.scale}`).join(", ")}`;
}
