// Conversations back in from a JSON export written by native/store/export.ts (the one export, for
// one conversation or all of them): each becomes a new conversation with the messages shown, their
// figures, citations and sources, and its own settings. Nothing is overwritten; a file that is not an
// export is refused whole and creates nothing.
import { z } from "zod";
import { EngineError, formatZodError } from "../contract/errors.ts";
import { Conversation } from "../contract/conversations.ts";
import type { ConversationStore } from "./conversation-store.ts";
import { EXPORT_FORMAT, EXPORT_VERSION } from "./export.ts";

const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().min(1).max(EXPORT_VERSION),
  exportedAt: z.string(),
  conversations: z.array(Conversation).min(1),
});

/** Reads an export into new conversations; returns them. */
export function importConversationJson(store: ConversationStore, json: string): Conversation[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new EngineError("INVALID_INPUT", `This is not an Enclave conversation export: it is not JSON (${(err as Error).message}).`);
  }
  const parsed = ExportFile.safeParse(value);
  if (!parsed.success) throw new EngineError("INVALID_INPUT", `This is not an Enclave conversation export: ${formatZodError(parsed.error)}`);
  const created: Conversation[] = [];
  try {
    for (const source of parsed.data.conversations) created.push(importOne(store, source));
  } catch (err) {
    for (const c of created) store.delete(c.id); // nothing half-imported stays
    throw err;
  }
  return created;
}

function importOne(store: ConversationStore, source: Conversation): Conversation {
  const created = store.create({ title: source.title, systemPrompt: source.systemPrompt, sampling: source.sampling, collection: source.collection ?? null, lora: source.lora ?? null, contextSize: source.contextSize ?? null });
  try {
    for (const m of source.messages) {
      if (m.role === "user") {
        store.appendUserMessage(created.id, m.text);
        continue;
      }
      const answer = store.startAssistant(created.id);
      if (m.thinking) store.appendDelta(created.id, answer.id, "thinking", m.thinking);
      store.appendDelta(created.id, answer.id, "text", m.text);
      const status = m.status === "error" ? "error" : m.status === "complete" ? "complete" : "interrupted";
      store.finishAssistant(created.id, answer.id, {
        status,
        stopReason: m.stopReason ?? (status === "complete" ? "eos" : status === "error" ? "error" : "interrupted"),
        ...(m.stats && { stats: m.stats }),
        ...(m.error !== undefined && { error: m.error }),
        ...(m.citations && { citations: m.citations }),
        ...(m.sources && { sources: m.sources }),
      });
    }
  } catch (err) {
    store.delete(created.id); // nothing half-imported stays
    throw err;
  }
  return store.get(created.id);
}
