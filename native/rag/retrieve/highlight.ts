// Marks where the query's terms occur in a chunk's text, the way the FTS tokenizer sees words:
// case-insensitive, whole words (letters and digits). Terms joined by a hyphen, dot or slash in the
// text ("ZX-4471", "3.5") come back as one span.
import { QUERY_STOP_WORDS } from "../lang/query-words.ts";

export interface Highlight {
  start: number;
  end: number;
}

export function queryTerms(query: string): string[] {
  const terms = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0 && !QUERY_STOP_WORDS.has(t));
  return [...new Set(terms)];
}

export function highlight(text: string, terms: readonly string[]): Highlight[] {
  const ranges: Highlight[] = [];
  for (const term of terms) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, "giu");
    for (const m of text.matchAll(re)) ranges.push({ start: m.index, end: m.index + m[0].length });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && (r.start <= last.end || /^[-./_]$/.test(text.slice(last.end, r.start)))) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
