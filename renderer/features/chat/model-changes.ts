// Where the model or quant changed in a conversation: each answer keeps the model and quant that
// wrote it (its stats), so a divider goes before the first answer written by another one than the
// answer before it. Answers without stats (failed, or from older versions) neither start nor end one.
import type { Message } from "../../../native/contract/conversations.ts";

/** Message id → the label of the divider shown before it ("Switched to Tiny Q4_0"). */
export function modelChanges(messages: readonly Message[]): Map<string, string> {
  const out = new Map<string, string>();
  let previous: string | null = null;
  for (const [i, m] of messages.entries()) {
    if (m.role !== "assistant" || !m.stats) continue;
    const key = `${m.stats.modelId}|${m.stats.quant ?? ""}`;
    if (previous !== null && key !== previous) {
      // Before the question the new model answered, so the divider reads in the order things happened.
      const question = messages[i - 1]?.role === "user" ? messages[i - 1]! : m;
      out.set(question.id, `Switched to ${m.stats.modelName}${m.stats.quant ? ` ${m.stats.quant}` : ""}`);
    }
    previous = key;
  }
  return out;
}
