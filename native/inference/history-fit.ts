// A conversation's context cap, applied: the earliest turns are left out of what the model sees
// until the prompt (system prompt, the turns kept, the question) leaves room for the answer within
// the cap — the same strategy node-llama-cpp's context shift follows when the whole context fills
// (earliest first, the system prompt kept), only at the conversation's own, smaller size. Nothing
// is removed from the conversation: only what this answer is given.
import type { Message } from "../contract/conversations.ts";

export interface HistoryFit {
  /** The messages the model is given (a tail of the history, starting at a question). */
  history: Message[];
  /** Tokens of the whole prompt with that history. */
  promptTokens: number;
  /** The most tokens the answer may have within the cap. */
  answerTokens: number;
}

/** Tokens the answer is sure to have: a quarter of the cap, at most `maxTokens`, at most half. */
export function answerReserve(limit: number, maxTokens: number | undefined): number {
  return Math.max(1, Math.min(maxTokens ?? Math.floor(limit / 4), Math.floor(limit / 2)));
}

/**
 * The longest tail of `history` (whole turns: it starts at a user message) whose prompt leaves
 * `answerReserve` tokens of `limit`. `promptTokens` counts a whole prompt with a given history and
 * must not grow when messages are left out (it is searched by halving).
 */
export function fitHistory(history: readonly Message[], limit: number, maxTokens: number | undefined, promptTokens: (history: readonly Message[]) => number): HistoryFit {
  const budget = limit - answerReserve(limit, maxTokens);
  const starts = [0, ...history.flatMap((m, i) => (i > 0 && m.role === "user" ? [i] : [])), history.length];
  let lo = 0;
  let hi = starts.length - 1; // the empty history always "fits": the question itself is never cut
  let hiTokens: number | null = null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const tokens = promptTokens(history.slice(starts[mid]));
    if (tokens <= budget) {
      hi = mid;
      hiTokens = tokens;
    } else lo = mid + 1;
  }
  const kept = history.slice(starts[hi]);
  const tokens = hiTokens ?? promptTokens(kept);
  return { history: kept, promptTokens: tokens, answerTokens: Math.max(1, limit - tokens) };
}
