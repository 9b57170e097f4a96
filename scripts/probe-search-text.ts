// How the full-text design of schema 2 / CHUNKER_VERSION 3 was chosen (BENCHMARKS.md, "what moved
// the figures"): the public set's documents are converted once (cached beside the corpus), cut by
// the real chunker and searched the way the retriever does (content-word query, distinct passages,
// one per page and ≤ 3 per document in the top 5), with variants of what the FTS index reads:
// headings, running lines, document context, analysers (one, two or three languages at once, or one
// per detected document language), passage sizes, page-level score aggregation, diversity bounds.
// scripts/bench-eval.ts measures the product itself; this measures alternatives side by side.
// (Fuzzy matching is not among them: LanceDB 0.31 panics expanding a fuzzy term with non-ASCII letters.)
// Usage: node --import tsx scripts/probe-search-text.ts [NAME_FILTER]
import "../native/rag/index/lance-threads.ts";
import { connect, Index, type Table } from "@lancedb/lancedb";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEvalQuestions, scoreEval, type RankedSource } from "../native/rag/eval/index.ts";
import { buildCorpus, corpusDocuments, DEFAULT_CORPUS_DIR, QUESTIONS } from "./eval-corpus.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { contentQuery } from "../native/rag/lang/query-words.ts";
import { MultiMatchQuery } from "@lancedb/lancedb";
import { franc } from "franc-min";
import { chunkDocument, type Block, type Page } from "../native/rag/chunk/index.ts";
import { estimateTokens, chunkSizes } from "../native/rag/ingest/pipeline.ts";
import { diversify } from "../native/rag/retrieve/diversify.ts";
import { distinctPassages } from "../native/rag/retrieve/distinct.ts";

type Doc = { file: string; title?: string; pages: Page[]; blocks: Block[] };
const docs = await convertedCorpus();
const questions = parseEvalQuestions(await readFile(QUESTIONS, "utf8"), "jsonl");
const scratch = await mkdtemp(join(tmpdir(), "i15-probe-"));
const db = await connect(scratch);

/** The corpus converted by Enclave's converters (OCR included), cached: converting takes a minute. */
async function convertedCorpus(): Promise<Doc[]> {
  const cache = join(DEFAULT_CORPUS_DIR, "converted.json");
  const converters = new Converters();
  try {
    return JSON.parse(await readFile(cache, "utf8")) as Doc[];
  } catch {
    const dir = await buildCorpus();
    const out: Doc[] = [];
    for (const d of await corpusDocuments()) {
      const doc = await converters.convertFile(join(dir, d.file), { ocr: true });
      out.push({ file: d.file, ...(doc.title !== undefined && { title: doc.title }), pages: doc.pages, blocks: doc.blocks });
    }
    await converters.dispose();
    await writeFile(cache, JSON.stringify(out));
    return out;
  }
}

const keyOf = (t: string) => t.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
function runningKeys(doc: Doc, share: number, edge: number): Set<string> {
  const n = doc.pages.length;
  const count = new Map<string, number>();
  if (n < 4) return new Set();
  for (const p of doc.pages) {
    const bs = doc.blocks.filter((b) => b.page === p.number);
    const edges = new Set([...bs.slice(0, edge), ...bs.slice(-edge)].map((b) => keyOf(b.text)));
    for (const k of edges) count.set(k, (count.get(k) ?? 0) + 1);
  }
  return new Set([...count].filter(([, c]) => c >= Math.max(3, share * n)).map(([k]) => k));
}

type Row = { file: string; page: number; text: string; search: string };
type V = { maxTokens?: number; cols?: ("en" | "fr" | "de")[]; lang?: "fr" | "de" | "split" | "all3" | "en+native"; strip?: number; edge?: number; heading?: "path" | "last" | "none"; ctx?: "title" | "running" | "none"; fetch?: number; perDoc?: number; pageAgg?: number };
async function variant(name: string, v: V): Promise<void> {
  const rows: (Row & Record<string, unknown>)[] = [];
  for (const d of docs) {
    const lang = ({ eng: "en", fra: "fr", deu: "de" } as Record<string, string>)[franc(d.pages.map((p) => p.text).join(" ").slice(0, 20000), { only: ["eng", "fra", "deu"] })] ?? "en";
    const running = v.strip ? runningKeys(d, v.strip, v.edge ?? 2) : new Set<string>();
    const blocks = d.blocks.filter((b) => !running.has(keyOf(b.text)));
    const runningText = [...(v.strip ? runningKeys(d, v.strip, v.edge ?? 2) : [])].join(" ").replace(/#/g, " ");
    const chunks = chunkDocument({ pages: d.pages, blocks }, { countTokens: estimateTokens, ...(v.maxTokens ? { maxTokens: v.maxTokens, overlapTokens: Math.round(v.maxTokens * 0.15) } : chunkSizes(null)), pageBounded: true });
    for (const c of chunks) {
      const h = v.heading === "path" ? c.headingPath.join("\n") : v.heading === "last" ? (c.headingPath.at(-1) ?? "") : "";
      const ctx = v.ctx === "title" ? (d.title ?? "") : v.ctx === "running" ? runningText : "";
      const search = [ctx, h, c.text].filter(Boolean).join("\n");
      rows.push({ file: d.file, page: c.pageStart, text: c.text, search, s_en: v.cols?.includes("en") || v.lang === "all3" || v.lang === "en+native" || lang === "en" ? search : "", s_fr: v.cols?.includes("fr") || v.lang === "all3" || lang === "fr" ? search : "", s_de: v.cols?.includes("de") || v.lang === "all3" || lang === "de" ? search : "" });
    }
  }
  const table: Table = await db.createTable(name.replace(/\W+/g, "_"), rows, { mode: "overwrite" });
  const L = { en: "English", fr: "French", de: "German" } as const;
  const cols = v.cols ?? (["en", "fr", "de"] as const);
  const multi = !!v.cols || v.lang === "split" || v.lang === "all3" || v.lang === "en+native";
  if (!multi) await table.createIndex("search", { config: Index.fts({ withPosition: true, ...(v.lang ? { language: L[v.lang as "fr" | "de"], stem: true, removeStopWords: true, asciiFolding: true } : {}) }) });
  else for (const l of cols) await table.createIndex(`s_${l}`, { config: Index.fts({ withPosition: true, language: L[l], stem: true, removeStopWords: true, asciiFolding: true }) });
  const scored = [];
  for (const q of questions) {
    const cq = contentQuery(q.question);
    const query = multi ? new MultiMatchQuery(cq, cols.map((l) => `s_${l}`)) : cq;
    const found = await table.search(query, "fts", multi ? undefined : "search").select(["file", "page", "text", "_score"]).limit(v.fetch ?? 15).toArray();
    let res = found.map((r) => ({ file: String(r.file), documentId: String(r.file), page: Number(r.page), text: String(r.text), score: Number(r._score) }));
    if (v.pageAgg) {
      // page evidence: each passage gets + pageAgg * (sum of other passages' scores on its page)
      const sum = new Map<string, number>();
      for (const r of res) sum.set(`${r.file}\0${r.page}`, (sum.get(`${r.file}\0${r.page}`) ?? 0) + r.score);
      res = res.map((r) => ({ ...r, score: r.score + v.pageAgg! * (sum.get(`${r.file}\0${r.page}`)! - r.score) })).sort((a, b) => b.score - a.score);
    }
    res = diversify(distinctPassages(res), { perDocument: v.perDoc ?? 3 });
    scored.push({ question: q, results: res.slice(0, 5).map((r): RankedSource => ({ file: r.file, page: r.page })) });
  }
  const r = scoreEval(scored, { collection: "probe", mode: "fulltext", k: 5, ms: 0 });
  console.log(`${name.padEnd(44)} hit@1 ${r.hitAt1.toFixed(3)} hit@5 ${r.hitAt5.toFixed(3)} MRR ${r.mrr.toFixed(3)} same-file@5 ${r.sameFile.hitAt5.toFixed(3)}  misses ${r.misses.map((m) => m.line).join(",")}`);
}
const only = process.argv[2];
const all: [string, V][] = [
  ["base", {}],
  ["lang fr", { lang: "fr" }],
  ["lang de", { lang: "de" }],
  ["lang split", { lang: "split" }],
  ["lang all3", { lang: "all3" }],
  ["lang en+native", { lang: "en+native" }],
  ["size160", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", maxTokens: 160 }],
  ["size240", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", maxTokens: 240 }],
  ["size480", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", maxTokens: 480 }],
  ["size800", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", maxTokens: 800 }],
  ["pd2", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", perDoc: 2 }],
  ["pd4", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", perDoc: 4 }],
  ["pd5", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", perDoc: 5 }],
  ["fetch30", { lang: "all3", heading: "path", strip: 0.3, ctx: "running", fetch: 30 }],
  ["cols en+fr", { cols: ["en", "fr"], heading: "path" }],
  ["cols en+de", { cols: ["en", "de"], heading: "path" }],
  ["cols fr+de", { cols: ["fr", "de"], heading: "path" }],
  ["combo all3+headpath", { lang: "all3", heading: "path" }],
  ["combo all3+strip.5+headpath", { lang: "all3", heading: "path", strip: 0.5 }],
  ["combo all3+strip.3+running+headpath", { lang: "all3", heading: "path", strip: 0.3, ctx: "running" }],
  ["combo all3+strip.3+title+headpath", { lang: "all3", heading: "path", strip: 0.3, ctx: "title" }],
  ["combo strip.5+headpath", { heading: "path", strip: 0.5 }],
  ["combo strip.5+running+headpath", { heading: "path", strip: 0.5, ctx: "running" }],
  ["strip.3", { strip: 0.3 }],
  ["strip.2", { strip: 0.2 }],
  ["strip.5", { strip: 0.5 }],
  ["headpath", { heading: "path" }],
  ["headlast", { heading: "last" }],
  ["strip.3+headpath", { strip: 0.3, heading: "path" }],
  ["strip.3+headlast", { strip: 0.3, heading: "last" }],
  ["title", { ctx: "title" }],
  ["strip.3+title+headpath", { strip: 0.3, ctx: "title", heading: "path" }],
  ["strip.3+running+headpath", { strip: 0.3, ctx: "running", heading: "path" }],
  ["pageAgg.3", { pageAgg: 0.3 }],
  ["strip.3+headpath+pageAgg.3", { strip: 0.3, heading: "path", pageAgg: 0.3 }],
];
for (const [n, v] of all) if (!only || n.includes(only)) await variant(n, v);
db.close();
await rm(scratch, { recursive: true, force: true });
