// Reads the citations out of a grounded answer and checks every quoted span against the source the
// answer attributes it to. A quote belongs to the first [n] after it in the same sentence (the form
// the prompt asks for), else to the last [n] before it in that sentence. Matching ignores case,
// whitespace runs, and the kind of quote marks and dashes, and nothing else: a paraphrase in quotes
// is not verified.
import { citedPage } from "../retrieve/cited-page.ts";
import type { Citation } from "../../contract/citations.ts";
import type { PackedSource } from "./grounded-prompt.ts";

const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;
const QUOTE = /["“”„«»]([^"“”„«»\n]{3,600})["“”„«»]/g;
const SENTENCE_END = /[.!?\n]/;

interface Marker {
  at: number;
  end: number;
  numbers: number[];
}

export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

function markersOf(answer: string): Marker[] {
  return [...answer.matchAll(MARKER)].map((m) => ({
    at: m.index,
    end: m.index + m[0].length,
    numbers: m[1]!.split(/[,;]/).map((n) => Number(n.trim())),
  }));
}

/** The source number a quote at [start, end) is attributed to, or null. */
function attribute(answer: string, start: number, end: number, markers: Marker[]): number | null {
  const after = markers.find((m) => m.at >= end && !SENTENCE_END.test(answer.slice(end, m.at).replace(/\.\s*$/, "")));
  if (after) return after.numbers[0]!;
  const before = [...markers].reverse().find((m) => m.end <= start && !SENTENCE_END.test(answer.slice(m.end, start)));
  return before ? before.numbers[0]! : null;
}

export function extractCitations(answer: string, sources: readonly PackedSource[]): Citation[] {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  const markers = markersOf(answer);
  const cited = new Set(markers.flatMap((m) => m.numbers).filter((n) => byNumber.has(n)));
  const quotes = new Map<number, { text: string; verified: boolean }[]>();
  for (const q of answer.matchAll(QUOTE)) {
    const n = attribute(answer, q.index, q.index + q[0].length, markers);
    const source = n === null ? undefined : byNumber.get(n);
    if (!source) continue;
    const text = q[1]!.trim();
    const verified = normalizeForMatch(source.hit.text).includes(normalizeForMatch(text));
    quotes.set(source.n, [...(quotes.get(source.n) ?? []), { text, verified }]);
    cited.add(source.n);
  }
  return [...cited]
    .sort((a, b) => a - b)
    .map((n) => {
      const checked = quotes.get(n) ?? [];
      return { ...sourceCitation(byNumber.get(n)!), quotes: checked, verified: checked.every((q) => q.verified) };
    });
}

/** A numbered source as a citation with nothing quoted from it (the sources list of an answer). */
export function sourceCitation({ n, hit }: PackedSource): Citation {
  return {
    n,
    documentId: hit.documentId,
    file: hit.file,
    page: citedPage(hit),
    pageEnd: hit.pageEnd,
    text: hit.text,
    score: hit.score,
    quotes: [],
    verified: true,
  };
}
