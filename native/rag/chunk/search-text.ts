// What the full-text index reads for a passage, which is more than the passage shows: the
// document's context (its running headers' words, running-lines.ts), then the headings above the
// passage, then the passage. A question's words that name the document then match every passage
// of it alike, and words of a section's title match the passages under it, not only the one that
// starts the section. The passage shown and cited stays `text`. Measured with scripts/bench-eval.ts.
import type { Chunk } from "./types.ts";

export function searchTextOf(chunk: Pick<Chunk, "text" | "headingPath">, context: string): string {
  return [context, ...chunk.headingPath, chunk.text].filter((part) => part.trim().length > 0).join("\n");
}

/** `chunks` with their search text set. */
export function withSearchText(chunks: readonly Chunk[], context: string): Chunk[] {
  return chunks.map((c) => ({ ...c, searchText: searchTextOf(c, context) }));
}
