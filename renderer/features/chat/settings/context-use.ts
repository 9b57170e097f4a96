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

/** The context a conversation's answers may use: its own cap (conversations.update contextSize),
 *  bounded by the loaded model's context. `clamped`: the cap is above what is loaded, so the
 *  loaded size applies (the panel offers to reload the model with the cap). */
export function effectiveContext(cap: number | null | undefined, loaded: number | null): { size: number | null; capped: boolean; clamped: boolean } {
  if (cap == null) return { size: loaded, capped: false, clamped: false };
  if (loaded === null) return { size: cap, capped: true, clamped: false };
  return { size: Math.min(cap, loaded), capped: cap <= loaded, clamped: cap > loaded };
}

/** What happens when the context fills: node-llama-cpp's default context shift, which the engine uses. */
export const TRUNCATION_STRATEGY =
  "When the context fills, the earliest turns are left out of what the model sees (the system prompt is kept). Nothing is deleted from the conversation.";

/** The same strategy at a conversation's own cap: the engine trims before each answer. */
export const CAP_STRATEGY =
  "This conversation's cap applies: before each answer the earliest turns are left out of what the model sees until the question and room for the answer fit (the system prompt is kept), and an answer that reaches the cap stops as “context full”. Nothing is deleted from the conversation.";
