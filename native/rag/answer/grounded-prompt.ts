// Packs retrieved passages into a numbered-sources prompt that fits the model's context. Passages are
// taken in rank order while they fit; a passage that does not fit is left out whole (a cut passage
// could lose the sentence that answers the question and still look complete).
import { basename } from "node:path";
import type { SearchHit } from "../../contract/rag.ts";

export interface PackedSource {
  n: number;
  hit: SearchHit;
}

export interface GroundedPrompt {
  prompt: string;
  sources: PackedSource[];
  /** Passages left out because the context was full. */
  dropped: number;
}

export const GROUNDING_INSTRUCTIONS =
  "Answer the question using only the numbered sources below. Cite every claim with the number of its " +
  'source in square brackets, like [1]. When you quote a source, put its exact words in double quotes followed by its number, like "exact words" [2]. ' +
  "If the sources do not contain the answer, say that they do not.";

export function sourceLabel(hit: SearchHit): string {
  const pages = hit.pageStart === hit.pageEnd ? `page ${hit.pageStart}` : `pages ${hit.pageStart}–${hit.pageEnd}`;
  return `${basename(hit.file)}, ${pages}`;
}

export function buildGroundedPrompt(
  question: string,
  hits: readonly SearchHit[],
  options: { budgetTokens: number; countTokens: (text: string) => number },
): GroundedPrompt {
  const head = `${GROUNDING_INSTRUCTIONS}\n\nSources:\n`;
  const tail = `\nQuestion: ${question}`;
  let used = options.countTokens(head) + options.countTokens(tail);
  const sources: PackedSource[] = [];
  const parts: string[] = [];
  let dropped = 0;
  for (const hit of hits) {
    const n = sources.length + 1;
    const part = `[${n}] ${sourceLabel(hit)}\n${hit.text.trim()}\n`;
    const cost = options.countTokens(part);
    if (used + cost > options.budgetTokens) {
      dropped += 1;
      continue;
    }
    used += cost;
    sources.push({ n, hit });
    parts.push(part);
  }
  return { prompt: head + parts.join("\n") + tail, sources, dropped };
}
