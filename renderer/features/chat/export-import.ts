// One conversation out (Markdown with each answer's citations, or JSON) and conversations in (a JSON
// export, created as new ones, nothing overwritten). The engine renders and parses both
// (`conversations.export` / `conversations.import`, native/store/export.ts), as for Settings' export.
import type { Conversation } from "../../../native/contract/conversations.ts";
import { conversationMethods } from "../../../native/contract/conversations.ts";
import { api } from "../../services/api.ts";
import { ApiError } from "../../services/api-error.ts";
import { exportConversations } from "../../shared/settings/data-actions.ts";
import { loadConversations, openConversation, useChatStore } from "./store.ts";

/** The contract's own limit on an import, checked before the file is read. */
export const IMPORT_MAX_BYTES = conversationMethods["conversations.import"].input.shape.json.maxLength ?? 50_000_000;

export async function exportActiveConversation(format: "markdown" | "json"): Promise<void> {
  const { active, turn } = useChatStore.getState();
  if (!active) throw new ApiError("CONVERSATION_NOT_FOUND", "Open a conversation to export it.");
  if (turn) throw new ApiError("BUSY", "An answer is still being written; export it once it is done.");
  await exportConversations(format, [active.id]);
}

/** Imports a JSON export; opens the first conversation it created. Returns what was created. */
export async function importConversationFile(file: File): Promise<Conversation[]> {
  if (file.size > IMPORT_MAX_BYTES) throw new ApiError("INVALID_INPUT", `“${file.name}” is ${Math.round(file.size / 1_000_000)} MB; an import can be at most ${IMPORT_MAX_BYTES / 1_000_000} MB.`);
  const json = await file.text();
  if (!json.trim()) throw new ApiError("INVALID_INPUT", `“${file.name}” is empty; choose a JSON export from Enclave.`);
  const { conversations } = await api().invoke("conversations.import", { json });
  await loadConversations();
  if (conversations[0]) await openConversation(conversations[0].id);
  return conversations;
}
