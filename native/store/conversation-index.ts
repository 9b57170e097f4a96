// The listing of conversations, kept in memory: filled from the journals on the first `list` and
// then kept in step by the store on every write, so listing hundreds of conversations reads no
// files. Message text for search is gathered the first time a query needs it and dropped whenever
// that conversation changes.
import type { ConversationSummary } from "../contract/conversations.ts";
import type { ConversationState } from "./journal-format.ts";

interface Entry {
  summary: ConversationSummary;
  /** Lower-cased message texts; null until a query needs it, or after a change. */
  searchText: string | null;
}

export function summarize(state: ConversationState): ConversationSummary {
  return {
    id: state.id,
    title: state.title,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    messageCount: state.messages.length,
  };
}

export function searchTextOf(state: ConversationState): string {
  return state.messages.map((m) => m.text.toLowerCase()).join("\n");
}

/** Newest first: by last change, then by creation, then by id so the order is stable. */
function newestFirst(a: ConversationSummary, b: ConversationSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export class ConversationIndex {
  private readonly entries = new Map<string, Entry>();

  /** Adds or refreshes a conversation; `searchText` when the caller has it at hand (else computed on demand). */
  put(state: ConversationState, searchText: string | null = null): void {
    this.entries.set(state.id, { summary: summarize(state), searchText });
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /**
   * Summaries whose title or message text contains `query` (case-insensitive), newest first.
   * `loadText` gives the search text of a conversation whose text is not cached (null: unreadable).
   */
  list(query: string | undefined, loadText: (id: string) => string | null): ConversationSummary[] {
    const needle = query?.trim().toLowerCase() ?? "";
    const out: ConversationSummary[] = [];
    for (const [id, entry] of this.entries) {
      if (needle !== "" && !entry.summary.title.toLowerCase().includes(needle)) {
        entry.searchText ??= loadText(id);
        if (!entry.searchText?.includes(needle)) continue;
      }
      out.push({ ...entry.summary });
    }
    return out.sort(newestFirst);
  }
}
