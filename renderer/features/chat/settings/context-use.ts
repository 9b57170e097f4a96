// How much of the model's context the open conversation fills: the last answer's prompt plus its
// output (what the engine measured, not an estimate), of the loaded context size.
import type { Message } from "../../../../native/contract/conversations.ts";

export interface ContextUse {
  /** null: unknown (no answer with figures yet). */
  used: number | null;
  size: number | null;
  /** 0..1, or null when either is unknown. */
  fraction: number | null;
}

export function contextUse(messages: readonly Message[], contextSize: number | null): ContextUse {
  const last = messages.findLast((m) => m.role === "assistant" && m.stats);
  const used = last?.stats ? last.stats.promptTokens + last.stats.outputTokens : null;
  const fraction = used !== null && contextSize ? Math.min(1, used / contextSize) : null;
  return { used, size: contextSize, fraction };
}

/** What happens when the context fills: node-llama-cpp's default context shift, which the engine uses. */
export const TRUNCATION_STRATEGY =
  "When the context fills, the earliest turns are left out of what the model sees (the system prompt is kept). Nothing is deleted from the conversation.";
