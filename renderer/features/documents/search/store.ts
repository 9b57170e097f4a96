// Search inside one collection from the Documents page: the query, the hits the engine returned
// (with the character ranges that matched, for highlighting) and how it searched. A slower answer
// to an older query, or to another collection, is dropped.
import { create } from "zustand";
import type { SearchHit, SearchMode } from "../../../../native/contract/rag.ts";
import { api } from "../../../services/api.ts";
import { errorMessage } from "../../../shared/errors.ts";


export interface CollectionSearchState {
  collection: string | null;
  /** The query the shown hits answer. */
  query: string;
  hits: SearchHit[];
  mode: SearchMode | null;
  searching: boolean;
  error: string | null;
}

export const initialSearchState = (): CollectionSearchState => ({ collection: null, query: "", hits: [], mode: null, searching: false, error: null });

export const useCollectionSearch = create<CollectionSearchState>(initialSearchState);

const set = (partial: Partial<CollectionSearchState>) => useCollectionSearch.setState(partial);

let generation = 0;

export const SEARCH_LIMIT = 20;

export async function searchCollection(collection: string, query: string): Promise<void> {
  const q = query.trim();
  const mine = ++generation;
  if (!q) return set({ ...initialSearchState(), collection });
  set({ collection, query: q, searching: true, error: null });
  try {
    const out = await api().invoke("rag.search", { query: q, collection, k: SEARCH_LIMIT });
    if (mine === generation) set({ hits: out.hits, mode: out.mode, searching: false });
  } catch (err) {
    if (mine === generation) set({ hits: [], mode: null, searching: false, error: errorMessage(err) });
  }
}

/** Forgets the results (another collection was chosen, or one of its documents left). */
export function clearSearch(): void {
  generation++;
  set(initialSearchState());
}

export interface TextPiece {
  text: string;
  match: boolean;
}

/** Splits a hit's text at its highlight ranges (sorted, overlaps merged, clipped to the text). */
export function splitHighlights(text: string, ranges: readonly { start: number; end: number }[]): TextPiece[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    if (r.end <= start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), match: false });
    pieces.push({ text: text.slice(start, r.end), match: true });
    at = r.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}
