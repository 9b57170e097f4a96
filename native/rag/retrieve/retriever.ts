// Hybrid retrieval: BM25 full text and vector search over one embedder's chunks table, fused by
// LanceDB's RRF reranker, prefiltered by collection / documents, then (optionally) re-scored by a
// cross-encoder. Without an embedder it is full text alone — exact terms, numbers, names. The
// full-text half gets the question's content words only (lang/query-words.ts: question words of
// English, French and German do not decide the rank; measured with scripts/bench-eval.ts), matched
// against every per-language search column (index/search-columns.ts). In full-text mode the best
// candidates are then re-scored by how much of the question they cover within a short window
// (term-coverage.ts), which moves the answer's page ahead of pages that only repeat common words.
import "../index/lance-threads.ts"; // before any LanceDB call: see the file
import { rerankers, type Table } from "@lancedb/lancedb";
import { EngineError } from "../../contract/errors.ts";
import type { SearchMode } from "../../contract/rag.ts";
import { sql, sqlList } from "../index/sql.ts";
import type { RagStore } from "../index/store.ts";
import type { CrossEncoder } from "./cross-encoder.ts";
import { distinctPassages } from "./distinct.ts";
import { highlight, queryTerms, type Highlight } from "./highlight.ts";
import { contentQuery } from "../lang/query-words.ts";
import { diversify } from "./diversify.ts";
import { searchQuery, unindexedSearchColumns } from "../index/search-columns.ts";
import { coverageRerank, searchTextOf, type CoverageOptions } from "./term-coverage.ts";

/** What the retriever needs to embed a query: the Embedder satisfies it. */
export interface QueryEmbedder {
  readonly embedderId: string;
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

export interface SearchOptions {
  /** Results wanted. Default 8. */
  limit?: number;
  collection?: string;
  documentIds?: readonly string[];
  /** "hybrid" (default when an embedder is configured), "vector" or "fulltext". */
  mode?: SearchMode;
  signal?: AbortSignal;
}

export interface SearchResult {
  chunkId: string;
  documentId: string;
  path: string;
  pageStart: number;
  pageEnd: number;
  /** The page it is cited at (see cited-page.ts). */
  page: number;
  charStart: number;
  charEnd: number;
  headingPath: string[];
  text: string;
  /** Higher is better; RRF, 1 − cosine distance, cross-encoder score, or in full-text mode BM25 blended
   *  with term coverage (0..1; plain BM25 with `coverage: null`), depending on the mode. */
  score: number;
  highlights: Highlight[];
}

const COLUMNS = ["id", "documentId", "docVersion", "text", "pageStart", "pageEnd", "charStart", "charEnd", "headingPath"];
/** Candidates fetched per wanted result: room for invisible (stale-generation) chunks and the reranker. */
const OVERFETCH = 3;
const RERANK_CANDIDATES = 24;
/** Full-text candidates re-scored by term coverage (term-coverage.ts). */
const COVERAGE_CANDIDATES = 50;
/** Chosen with scripts/probe-page-rerank.ts on one half of test/eval/, checked on the other (BENCHMARKS.md). */
export const DEFAULT_COVERAGE: CoverageOptions = { weight: 0.5, window: 24, prefix: 5 };

export class Retriever {
  readonly #store: RagStore;
  readonly #embedder: QueryEmbedder | null;
  readonly #crossEncoder: CrossEncoder | null;
  readonly #coverage: CoverageOptions | null;
  #rrf: Promise<rerankers.RRFReranker> | undefined;

  /** `coverage`: the full-text rerank by term coverage, or null for BM25 order alone. */
  constructor(store: RagStore, options: { embedder?: QueryEmbedder | null; crossEncoder?: CrossEncoder | null; coverage?: CoverageOptions | null } = {}) {
    const embedder = options.embedder ?? null;
    if (embedder && store.embedder?.embedderId !== embedder.embedderId) {
      throw new EngineError("INVALID_INPUT", "The query embedder differs from the store's: its vectors would not be comparable.");
    }
    this.#store = store;
    this.#embedder = embedder;
    this.#crossEncoder = options.crossEncoder ?? null;
    this.#coverage = options.coverage === undefined ? DEFAULT_COVERAGE : options.coverage;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    const q = query.trim();
    if (!q) throw new EngineError("INVALID_INPUT", "Empty query.");
    const limit = options.limit ?? 8;
    const mode = options.mode ?? (this.#embedder ? "hybrid" : "fulltext");
    if (mode !== "fulltext" && !this.#embedder) throw new EngineError("INVALID_INPUT", `No embedder configured: "${mode}" search needs one.`);
    const terms = queryTerms(q);
    const covering = mode === "fulltext" && this.#coverage !== null;
    const fetch = Math.max(limit, this.#crossEncoder ? RERANK_CANDIDATES : 0, covering ? COVERAGE_CANDIDATES : 0) * OVERFETCH;
    const table = this.#store.chunks;
    if ((await table.countRows()) === 0) return [];
    const where = filterOf(options);

    let rows: Record<string, unknown>[];
    let scoreOf: (r: Record<string, unknown>) => number;
    if (mode === "fulltext") {
      if (terms.length === 0) return [];
      await this.#ensureFts(table);
      let search = table.search(searchQuery(contentQuery(q)), "fts").select([...COLUMNS, "_score"]).limit(fetch);
      if (where) search = search.where(where);
      rows = await search.toArray();
      scoreOf = (r) => Number(r._score);
    } else {
      const [vector] = await this.#embedder!.embed([q], { signal: options.signal });
      const tuning = await this.#store.vectorQueryTuning();
      let search = table.query().nearestTo(vector!).distanceType("cosine").limit(fetch);
      if (tuning) search = search.nprobes(tuning.nprobes).refineFactor(tuning.refineFactor);
      if (where) search = search.where(where);
      if (mode === "hybrid" && terms.length > 0) {
        await this.#ensureFts(table);
        this.#rrf ??= rerankers.RRFReranker.create();
        // No projection: LanceDB 0.31 pushes a hybrid query's select() into both halves, where
        // "_distance" / "_score" each exist in one only, and leaving them out prints a deprecation
        // warning per query. Unprojected rows carry every column (the vector too): a few dozen rows.
        search = search.fullTextSearch(searchQuery(contentQuery(q))).rerank(await this.#rrf);
        scoreOf = (r) => Number(r._relevance_score);
      } else {
        search = search.select([...COLUMNS, "_distance"]);
        scoreOf = (r) => 1 - Number(r._distance);
      }
      rows = await search.toArray();
    }
    if (options.signal?.aborted) throw new EngineError("ABORTED", "Search cancelled.");

    const docs = await this.#store.readyDocuments(rows.map((r) => String(r.documentId)));
    let results: SearchResult[] = [];
    for (const r of rows) {
      const doc = docs.get(String(r.documentId));
      if (!doc || doc.version !== Number(r.docVersion)) continue; // a generation readers must not see
      const text = String(r.text);
      results.push({
        chunkId: String(r.id),
        documentId: doc.id,
        path: doc.path,
        pageStart: Number(r.pageStart),
        pageEnd: Number(r.pageEnd),
        page: Number(r.pageStart),
        charStart: Number(r.charStart),
        charEnd: Number(r.charEnd),
        headingPath: toStrings(r.headingPath),
        text,
        score: scoreOf(r),
        highlights: highlight(text, terms),
      });
    }
    results.sort((a, b) => b.score - a.score);
    results = distinctPassages(results);
    if (covering) {
      // BM25 alone ranks pages that repeat the question's common words above the page that holds
      // its rarer words together (see term-coverage.ts); only the best candidates are re-scored.
      const head = results.slice(0, COVERAGE_CANDIDATES).map((r) => ({ ...r, searchText: searchTextOf(r) }));
      const reranked = coverageRerank(head, terms, this.#coverage!).map(({ searchText: _, ...r }) => r);
      results = [...reranked, ...results.slice(COVERAGE_CANDIDATES)];
    }
    if (this.#crossEncoder && results.length > 1) {
      const candidates = results.slice(0, RERANK_CANDIDATES);
      const scores = await this.#crossEncoder.rank(q, candidates.map((c) => c.text));
      results = candidates.map((c, i) => ({ ...c, score: scores[i]! })).sort((a, b) => b.score - a.score);
    }
    return diversify(results).slice(0, limit);
  }

  /** Full-text search needs the FTS index; the first search after the first ingest builds it. */
  async #ensureFts(table: Table): Promise<void> {
    if ((await unindexedSearchColumns(table)).length > 0) await this.#store.refreshIndexes();
  }
}

function filterOf(options: SearchOptions): string | undefined {
  const parts: string[] = [];
  if (options.collection !== undefined) parts.push(`collection = ${sql(options.collection)}`);
  if (options.documentIds) {
    if (options.documentIds.length === 0) parts.push("false");
    else parts.push(`\`documentId\` IN ${sqlList(options.documentIds)}`);
  }
  return parts.length ? parts.join(" AND ") : undefined;
}

function toStrings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (v && typeof (v as { toArray?: unknown }).toArray === "function") return [...(v as { toArray(): unknown[] }).toArray()].map(String);
  return [];
}
