// A second, lexical look at the best full-text candidates. BM25 sums each matching term's weight, so
// inside one long manual the pages that repeat the question's common words ("gnuplot", "babel",
// "LaTeX") outrank the page that holds the rarer ones together. This re-scores the candidates by how
// much of the question's vocabulary each passage covers within a short window of words, each term
// weighted by how rare it is among the candidates themselves (a word every candidate has decides
// nothing between them — no collection-wide statistics needed), and blends that with the BM25 score.
// Terms are compared by a folded prefix (accents off, the first `prefix` letters): a crude stemmer that
// works alike for English, French and German and also joins cognates across them ("consonants" /
// "consonnes", "identical" / "identiques"), so an English question on a French page still counts.

export interface CoverageOptions {
  /** Share of the final score that is coverage (0: BM25 order, 1: coverage alone). */
  weight: number;
  /** Words in the window that must hold the terms; 0 counts the whole passage. */
  window: number;
  /** Letters compared between a question term and a passage word (shorter words compare whole); 0: whole words. */
  prefix: number;
  /** Each document keeps the places BM25 gave it; only which of its passages fill them changes
   *  (coverageRerankWithinDocuments). Read by the Retriever; coverageRerank itself ignores it. */
  withinDocuments?: boolean;
}

export interface Scored {
  /** Its full-text score: higher is better. */
  score: number;
  /** The words it is matched on (the passage, its headings). */
  searchText: string;
}

/** What a passage is matched on here: its headings (searched with it, chunk/search-text.ts) and text. */
export function searchTextOf(passage: { text: string; headingPath: readonly string[] }): string {
  return [...passage.headingPath, passage.text].join("\n");
}

/** Lower case, accents folded to ASCII, split into words of letters and digits. */
export function foldedWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The key a word is compared by: its first `prefix` letters, or all of it. */
export function termKey(word: string, prefix: number): string {
  return prefix > 0 && word.length > prefix ? word.slice(0, prefix) : word;
}

/** The distinct keys of a question's terms (already free of question words). */
export function questionKeys(terms: readonly string[], prefix: number): string[] {
  return [...new Set(terms.flatMap(foldedWords).map((w) => termKey(w, prefix)))];
}

/**
 * Weight of each key among the candidates: log(1 + n / df), df counting the candidates holding it;
 * a key no candidate holds gets 0 (it cannot tell them apart).
 */
export function candidateWeights(keys: readonly string[], candidates: readonly (readonly string[])[]): Map<string, number> {
  const n = candidates.length;
  const weights = new Map<string, number>();
  for (const key of keys) {
    const df = candidates.filter((words) => words.includes(key)).length;
    weights.set(key, df === 0 ? 0 : Math.log(1 + n / df));
  }
  return weights;
}

/** The largest total weight of distinct keys found together within `window` consecutive words. */
export function bestWindowWeight(words: readonly string[], weights: ReadonlyMap<string, number>, window: number): number {
  const span = window > 0 ? window : words.length;
  const inWindow = new Map<string, number>();
  let total = 0;
  let best = 0;
  for (let i = 0; i < words.length; i++) {
    const key = words[i]!;
    const w = weights.get(key);
    if (w !== undefined) {
      const c = inWindow.get(key) ?? 0;
      if (c === 0) total += w;
      inWindow.set(key, c + 1);
    }
    const out = i - span;
    if (out >= 0) {
      const old = words[out]!;
      const ow = weights.get(old);
      if (ow !== undefined) {
        const c = inWindow.get(old)! - 1;
        inWindow.set(old, c);
        if (c === 0) total -= ow;
      }
    }
    if (total > best) best = total;
  }
  return best;
}

/**
 * `candidates` (any order) re-ordered by (1 − weight) × score / best score + weight × coverage,
 * coverage being the best window's weight over the question's total. Each keeps its own fields; the
 * score it returns with is the blend. Ties keep the BM25 order.
 */
export function coverageRerank<T extends Scored>(candidates: readonly T[], terms: readonly string[], options: CoverageOptions): T[] {
  if (candidates.length < 2 || options.weight <= 0) return [...candidates];
  const keys = questionKeys(terms, options.prefix);
  const keyed = candidates.map((c) => foldedWords(c.searchText).map((w) => termKey(w, options.prefix)));
  const weights = candidateWeights(keys, keyed);
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const top = Math.max(...candidates.map((c) => c.score));
  if (total <= 0 || !(top > 0)) return [...candidates];
  return candidates
    .map((c, i) => {
      const coverage = bestWindowWeight(keyed[i]!, weights, options.window) / total;
      return { c, blended: (1 - options.weight) * (c.score / top) + options.weight * coverage };
    })
    .sort((a, b) => b.blended - a.blended || b.c.score - a.c.score)
    .map(({ c, blended }) => ({ ...c, score: blended }));
}

/**
 * Like coverageRerank, but each document keeps the places the full-text order gave it: only which
 * of its passages fills them changes. BM25's choice of files is the better one (same-file hits),
 * the coverage its choice of page within a file. Candidates come best first by `score`.
 */
export function coverageRerankWithinDocuments<T extends Scored & { documentId: string }>(candidates: readonly T[], terms: readonly string[], options: CoverageOptions): T[] {
  const reranked = coverageRerank(candidates, terms, options);
  const queues = new Map<string, T[]>();
  for (const c of reranked) {
    const q = queues.get(c.documentId);
    if (q) q.push(c);
    else queues.set(c.documentId, [c]);
  }
  return [...candidates].sort((a, b) => b.score - a.score).map((c) => queues.get(c.documentId)!.shift()!);
}
