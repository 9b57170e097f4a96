// A second look inside the best document. The first full-text pass ranks passages of the whole
// collection, so within a long manual its order is decided by collection-wide statistics: a word
// that is rare in the collection but on every page of that manual ("plot" in gnuplot's) still
// weighs as if it told its pages apart. A second search restricted to that document (its own
// candidates, re-scored by term coverage among themselves) can choose which of its pages fill the places the first pass gave the document, without moving the
// document itself. Measured with scripts/probe-page-rerank.ts (BENCHMARKS.md): over the plain
// rerank at 0.5 it raised hit@1 and MRR on both halves of 109 questions; on 126, the "within
// documents" rerank at 0.7 alone led on dev, and this pass over it lowered hit@5: off by default
// (Retriever `documentPass`). Weighing the document's frequent words down in the pass, or a second
// document, measured worse.

export interface Placed {
  chunkId: string;
  documentId: string;
}

/**
 * `ranked` with the places held by `documentId` filled, in order, by `within` (the second pass's
 * passages of that document, best first) and then by the document's other passages of `ranked`;
 * each passage once. Passages of `within` beyond those places follow the list.
 */
export function fillDocumentPlaces<T extends Placed>(ranked: readonly T[], documentId: string, within: readonly T[]): T[] {
  const seen = new Set<string>();
  const fill: T[] = [];
  for (const r of [...within.filter((w) => w.documentId === documentId), ...ranked.filter((r) => r.documentId === documentId)]) {
    if (seen.has(r.chunkId)) continue;
    seen.add(r.chunkId);
    fill.push(r);
  }
  let next = 0;
  const out = ranked.map((r) => (r.documentId === documentId ? fill[next++]! : r));
  return [...out, ...fill.slice(next)];
}

/** The first `n` distinct documents of a ranked list, in order. */
export function leadingDocuments(ranked: readonly { documentId: string }[], n: number): string[] {
  const docs: string[] = [];
  for (const r of ranked) {
    if (docs.length >= n) break;
    if (!docs.includes(r.documentId)) docs.push(r.documentId);
  }
  return docs;
}
