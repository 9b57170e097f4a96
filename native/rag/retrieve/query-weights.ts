// Question words that most passages of the collection hold ("plot" in a collection that is half a
// gnuplot manual) weighed down in the BM25 query itself, not only in the rerank after it. BM25's idf
// already lowers them, but its term-frequency part still lets a page that repeats them ten times
// outrank the page holding the question's rarer words. A word's collection frequency is counted by
// the full-text index (one capped search per word); a word found in at least `fraction` of the
// passages gets `boost` (0 drops it, unless every word is that frequent).
// LanceDB 0.31: a MatchQuery takes a boost, a MultiMatchQuery inside a BooleanQuery does not work
// (only its last clause scores), so the weighted query is one BooleanQuery of MatchQuerys per
// search column, and a passage keeps its best column's score — as the MultiMatchQuery does.
// Measured with scripts/probe-page-rerank.ts (BENCHMARKS.md): see there whether it is on.
import { BooleanQuery, MatchQuery, MultiMatchQuery, Occur, type Table } from "@lancedb/lancedb";
import { SEARCH_COLUMNS } from "../index/search-columns.ts";

export interface QueryWeighting {
  /** Share of the passages (0..1) at or above which a word counts as collection-frequent. */
  fraction: number;
  /** Boost of a collection-frequent word (1 for the others); 0 leaves it out of the query. */
  boost: number;
}

/** Each word's boost from its passage count: `boost` where count ≥ fraction × passages, else 1. */
export function termBoosts(counts: ReadonlyMap<string, number>, passages: number, weighting: QueryWeighting): Map<string, number> {
  const limit = Math.max(1, Math.ceil(weighting.fraction * passages));
  const boosts = new Map<string, number>();
  for (const [word, n] of counts) boosts.set(word, n >= limit ? weighting.boost : 1);
  // A query of frequent words only keeps them all at full weight: better a weak query than none.
  if ([...boosts.values()].every((b) => b <= 0)) for (const word of boosts.keys()) boosts.set(word, 1);
  return boosts;
}

/** How many passages (up to `cap`) hold `word` in any search column, within `where`. */
export async function passagesHolding(table: Table, word: string, cap: number, where: string | undefined): Promise<number> {
  let search = table.search(new MultiMatchQuery(word, SEARCH_COLUMNS.map((c) => c.column)), "fts").select(["id", "_score"]).limit(cap);
  if (where) search = search.where(where);
  return (await search.toArray()).length;
}

/** One full-text query per search column: each word a MatchQuery with its boost; words boosted 0 left out. */
export function weightedColumnQueries(boosts: ReadonlyMap<string, number>): BooleanQuery[] {
  const words = [...boosts].filter(([, b]) => b > 0);
  return SEARCH_COLUMNS.map((c) => new BooleanQuery(words.map(([w, b]) => [Occur.Should, new MatchQuery(w, c.column, { boost: b })])));
}

/** Rows of several searches merged by id, each keeping its best `_score`, best first. */
export function bestScoreById(lists: readonly (readonly Record<string, unknown>[])[]): Record<string, unknown>[] {
  const best = new Map<string, Record<string, unknown>>();
  for (const rows of lists) {
    for (const r of rows) {
      const id = String(r.id);
      const had = best.get(id);
      if (!had || Number(r._score) > Number(had._score)) best.set(id, r);
    }
  }
  return [...best.values()].sort((a, b) => Number(b._score) - Number(a._score));
}

/**
 * The full-text rows for `words` (the question's content words) with collection-frequent words
 * weighed down; `where` is the collection / document filter, `columns` the columns to return.
 */
export async function weightedFullText(table: Table, words: readonly string[], weighting: QueryWeighting, options: { limit: number; where: string | undefined; columns: readonly string[] }): Promise<Record<string, unknown>[]> {
  const passages = await table.countRows(options.where);
  const cap = Math.max(1, Math.ceil(weighting.fraction * passages));
  const counts = new Map<string, number>();
  for (const w of new Set(words)) counts.set(w, await passagesHolding(table, w, cap, options.where));
  const boosts = termBoosts(counts, passages, weighting);
  const lists: Record<string, unknown>[][] = [];
  for (const query of weightedColumnQueries(boosts)) {
    let search = table.search(query, "fts").select([...options.columns, "_score"]).limit(options.limit);
    if (options.where) search = search.where(options.where);
    lists.push(await search.toArray());
  }
  return bestScoreById(lists).slice(0, options.limit);
}
