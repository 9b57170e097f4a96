// The full-text side of the chunks table: one column per analysed language, each holding the
// passage's search text (chunk/search-text.ts) and its own FTS index with that language's stemmer,
// stop words and ASCII folding. A question is matched against all of them at once
// (MultiMatchQuery), so "française" meets "français" through the French stemmer, "Familien" meets
// "Familie" through the German one, and English keeps its own — whatever language the question or
// the document is in, and without trusting a language guess on a ten-word question. Measured with
// scripts/bench-eval.ts on test/eval/ (en, fr, de): three analysers beat English alone, French
// alone, German alone, and one analyser per detected document language (scores from separate
// indexes do not compare). Costs three copies of the text and three indexes.
import { Index, MultiMatchQuery, type Table } from "@lancedb/lancedb";

export const SEARCH_COLUMNS = [
  { column: "search_en", language: "English" },
  { column: "search_fr", language: "French" },
  { column: "search_de", language: "German" },
] as const;

export type SearchColumn = (typeof SEARCH_COLUMNS)[number]["column"];

/** The FTS index of one search column: no positions (no phrase queries are made). */
export function searchIndexConfig(language: string): Index {
  return Index.fts({ language, stem: true, removeStopWords: true, asciiFolding: true, lowercase: true, withPosition: false });
}

/** The search columns of one row, from its search text. */
export function searchColumnsOf(searchText: string): Record<SearchColumn, string> {
  return { search_en: searchText, search_fr: searchText, search_de: searchText };
}

/** The full-text query over every search column, each analysing `query` its own way. */
export function searchQuery(query: string): MultiMatchQuery {
  return new MultiMatchQuery(query, SEARCH_COLUMNS.map((c) => c.column));
}

/** The search columns that have no FTS index yet. */
export async function unindexedSearchColumns(table: Table): Promise<(typeof SEARCH_COLUMNS)[number][]> {
  // Only FTS indexes are ever built on these columns.
  const indexed = new Set((await table.listIndices()).flatMap((i) => i.columns));
  return SEARCH_COLUMNS.filter((c) => !indexed.has(c.column));
}

/** Builds (or with `replace`, rebuilds) the FTS index of each search column that needs one. */
export async function buildSearchIndexes(table: Table, options: { replace?: boolean } = {}): Promise<void> {
  const todo = options.replace ? SEARCH_COLUMNS : await unindexedSearchColumns(table);
  for (const c of todo) await table.createIndex(c.column, { config: searchIndexConfig(c.language), replace: true });
}
