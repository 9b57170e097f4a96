// Conversations grounded before the engine owned the choice: the renderer kept each conversation's
// collection in localStorage ("enclave.chat.groundings", { conversationId: collection }), and since
// it reads Conversation.collection instead, those conversations would lose their grounding. This
// moves each entry to the engine once (conversations.update), unless the engine already has a
// choice for that conversation (it is the newer one), then deletes the key. An entry whose
// conversation is gone is dropped; one the engine could not take now (not reachable, busy) is kept
// for the next start, so nothing is lost.
import { api } from "../../services/api.ts";
import { errorCode } from "../../shared/errors.ts";

export const OLD_GROUNDINGS_KEY = "enclave.chat.groundings";

export interface GroundingMigration {
  /** Conversations that got their collection back. */
  moved: string[];
  /** Entries kept for a later try. */
  kept: number;
}

/** Runs the migration; does nothing (and costs one read) once the key is gone. */
export async function migrateGroundings(storage: Storage | undefined = globalThis.localStorage): Promise<GroundingMigration> {
  const raw = storage?.getItem(OLD_GROUNDINGS_KEY);
  if (!storage || raw == null) return { moved: [], kept: 0 };
  const entries = parseEntries(raw);
  const moved: string[] = [];
  const left: Record<string, string> = {};
  for (const [id, collection] of entries) {
    try {
      const conversation = await api().invoke("conversations.get", { id });
      if (conversation.collection == null) {
        await api().invoke("conversations.update", { id, collection });
        moved.push(id);
      }
    } catch (err) {
      if (errorCode(err) !== "CONVERSATION_NOT_FOUND" && errorCode(err) !== "INVALID_INPUT") left[id] = collection;
    }
  }
  const kept = Object.keys(left).length;
  if (kept === 0) storage.removeItem(OLD_GROUNDINGS_KEY);
  else storage.setItem(OLD_GROUNDINGS_KEY, JSON.stringify(left));
  return { moved, kept };
}

/** The entries of the old key; a corrupt value has none (it held only remembered choices). */
function parseEntries(raw: string): [string, string][] {
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return [];
    return Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].length > 0);
  } catch {
    return [];
  }
}
