// Measures full-text index options on the evaluation set without re-ingesting: reads the chunks of
// an index that scripts/bench-eval.ts kept (--index DIR), builds one scratch table per variant and
// prints hit@1 / hit@5 / MRR (page-exact) for each. How the defaults in native/rag/lang/ were chosen.
// Usage: node --import tsx scripts/probe-fts.ts INDEX_DIR
import "../native/rag/index/lance-threads.ts";
import { connect, Index, type Table } from "@lancedb/lancedb";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseEvalQuestions, scoreEval, type RankedSource } from "../native/rag/eval/index.ts";
import { QUESTIONS } from "./eval-corpus.ts";
import { franc } from "franc-min";
import { contentQuery } from "../native/rag/lang/query-words.ts";

const indexDir = process.argv[2];
if (!indexDir) throw new Error("usage: probe-fts.ts INDEX_DIR");
const db = await connect(indexDir);
const docs = new Map((await (await db.openTable("documents")).query().toArray()).map((r) => [String(r.id), basename(String(r.path))]));
const chunks = (await (await db.openTable("chunks_fulltext")).query().select(["documentId", "text", "pageStart", "headingPath"]).toArray()).map((r) => ({
  file: docs.get(String(r.documentId)) ?? "?",
  page: Number(r.pageStart),
  text: String(r.text),
  heading: [...((r.headingPath as { toArray(): unknown[] }).toArray())].map(String).join(" / "),
}));
const questions = parseEvalQuestions(await readFile(QUESTIONS, "utf8"), "jsonl");
const scratch = await mkdtemp(join(tmpdir(), "enclave-probe-fts-"));
const sdb = await connect(scratch);

type Row = { file: string; page: number; text: string };
async function variant(name: string, rows: Row[], fts: Parameters<typeof Index.fts>[0], query: (q: string) => string = (q) => q, perFile = 5, perPage = 99): Promise<void> {
  const table: Table = await sdb.createTable(name.replace(/\W+/g, "_"), rows, { mode: "overwrite" });
  await table.createIndex("text", { config: Index.fts(fts) });
  const scored = [];
  for (const q of questions) {
    const found = await table.search(query(q.question), "fts").select(["file", "page", "_score"]).limit(20).toArray();
    const seen = new Map<string, number>();
    const kept = found.filter((r) => {
      const n = (seen.get(String(r.file)) ?? 0) + 1;
      const pageKey = `${String(r.file)}\u0000${Number(r.page)}`;
      const p = (seen.get(pageKey) ?? 0) + 1;
      if (n > perFile || p > perPage) return false;
      seen.set(String(r.file), n);
      seen.set(pageKey, p);
      return true;
    });
    scored.push({ question: q, results: kept.slice(0, 5).map((r): RankedSource => ({ file: String(r.file), page: Number(r.page) })) });
  }
  const r = scoreEval(scored, { collection: "probe", mode: "fulltext", k: 5, ms: 0 });
  console.log(`${name.padEnd(48)} hit@1 ${r.hitAt1.toFixed(3)} hit@5 ${r.hitAt5.toFixed(3)} MRR ${r.mrr.toFixed(3)} same-file@5 ${r.sameFile.hitAt5.toFixed(3)}`);
}

const plain = chunks.map(({ file, page, text }) => ({ file, page, text }));
const withHeadings = chunks.map(({ file, page, text, heading }) => ({ file, page, text: heading ? `${heading}\n${text}` : text }));
const only = process.argv[3];
const run = (name: string, fn: () => Promise<void>) => (!only || name.includes(only) ? fn() : Promise.resolve());
const EN = { language: "English", stem: true, removeStopWords: true, asciiFolding: true };
await run("defaults", () => variant("defaults {withPosition}", plain, { withPosition: true }));
await run("headings", () => variant("English, headings prefixed", withHeadings, EN));
await run("content", () => variant("English, headings, content-word query", withHeadings, EN, contentQuery));
await run("content", () => variant("English, content-word query", plain, EN, contentQuery));
{
  const pages = new Map<string, Row>();
  for (const c of withHeadings) {
    const key = `${c.file}\u0000${c.page}`;
    const row = pages.get(key);
    if (row) row.text += `\n${c.text}`;
    else pages.set(key, { ...c });
  }
  await run("units", () => variant("whole pages as units, content query", [...pages.values()], EN, contentQuery));
  for (const size of [400, 700, 1000]) {
    const small: Row[] = [];
    for (const c of withHeadings) for (let at = 0; at < c.text.length; at += size) small.push({ ...c, text: c.text.slice(Math.max(0, at - 100), at + size) });
    await run("units", () => variant(`${size}-char pieces of chunks, content query`, small, EN, contentQuery));
  }
}
{
  // Running headers / footers / slide navigation: lines found on more than a third of a document's pages.
  const linePages = new Map<string, Set<number>>();
  const pagesOf = new Map<string, Set<number>>();
  for (const c of chunks) {
    (pagesOf.get(c.file) ?? pagesOf.set(c.file, new Set()).get(c.file)!).add(c.page);
    for (const line of c.text.split("\n")) {
      const key = `${c.file}\u0000${line.trim().replace(/\d+/g, "#")}`;
      (linePages.get(key) ?? linePages.set(key, new Set()).get(key)!).add(c.page);
    }
  }
  const boiler = (file: string, line: string) => {
    const n = pagesOf.get(file)!.size;
    return n >= 4 && (linePages.get(`${file}\u0000${line.trim().replace(/\d+/g, "#")}`)?.size ?? 0) > n / 3;
  };
  const stripped = withHeadings.map((c) => ({ ...c, text: c.text.split("\n").filter((l) => !boiler(c.file, l)).join("\n") }));
  await run("boiler", () => variant("headings, content query, running lines removed", stripped, EN, contentQuery, 3, 1));
}
await run("pagededupe", () => variant("headings, content query, one per page", withHeadings, EN, contentQuery, 5, 1));
await run("pagededupe", () => variant("content query, one per page", plain, EN, contentQuery, 5, 1));
await run("pagededupe", () => variant("headings, content query, one per page, ≤3/file", withHeadings, EN, contentQuery, 3, 1));
await run("pagededupe", () => variant("headings, content query, one per page, ≤4/file", withHeadings, EN, contentQuery, 4, 1));
for (const cap of [2, 3, 4]) await run("diversity", () => variant(`English, headings, content query, ≤${cap} per file`, withHeadings, EN, contentQuery, cap));
await run("analyser", () => variant("French analyser, headings, content query", withHeadings, { ...EN, language: "French" }, contentQuery));
await run("analyser", () => variant("German analyser, headings, content query", withHeadings, { ...EN, language: "German" }, contentQuery));
await run("analyser", () => variant("English, no ASCII folding, headings, content", withHeadings, { ...EN, asciiFolding: false }, contentQuery));
await run("analyser", () => variant("English, keep stop words, headings, content", withHeadings, { ...EN, removeStopWords: false }, contentQuery));
// Per detected document language: one table per language, each with its own analyser; the query is
// analysed by each table's analyser; results merged by BM25 score or by RRF.
const langOf = new Map<string, string>();
for (const file of new Set(chunks.map((c) => c.file))) {
  const sample = chunks.filter((c) => c.file === file).map((c) => c.text).join(" ").slice(0, 20000);
  langOf.set(file, ({ eng: "English", fra: "French", deu: "German" } as Record<string, string>)[franc(sample, { only: ["eng", "fra", "deu"] })] ?? "English");
}
if (!only || only === "perlang") {
  console.log([...langOf].map(([f, l]) => `${f}=${l}`).join(" "));
  for (const [merge, query] of [["score", (q: string) => q], ["rrf", (q: string) => q], ["score", contentQuery], ["rrf", contentQuery]] as const) {
    const tables = new Map<string, Table>();
    for (const lang of new Set(langOf.values())) {
      const t = await sdb.createTable(`lang_${lang}`, withHeadings.filter((c) => langOf.get(c.file) === lang), { mode: "overwrite" });
      await t.createIndex("text", { config: Index.fts({ language: lang, stem: true, removeStopWords: true, asciiFolding: true }) });
      tables.set(lang, t);
    }
    const scored = [];
    for (const q of questions) {
      const all: { file: string; page: number; s: number }[] = [];
      for (const t of tables.values()) {
        const found = await t.search(query(q.question), "fts").select(["file", "page", "_score"]).limit(10).toArray();
        found.forEach((r, i) => all.push({ file: String(r.file), page: Number(r.page), s: merge === "rrf" ? 1 / (60 + i) : Number(r._score) }));
      }
      all.sort((a, b) => b.s - a.s);
      scored.push({ question: q, results: all.slice(0, 5) });
    }
    const r = scoreEval(scored, { collection: "probe", mode: "fulltext", k: 5, ms: 0 });
    console.log(`${`per-language tables, merge ${merge}, ${query === contentQuery ? "content" : "raw"} query`.padEnd(48)} hit@1 ${r.hitAt1.toFixed(3)} hit@5 ${r.hitAt5.toFixed(3)} MRR ${r.mrr.toFixed(3)} same-file@5 ${r.sameFile.hitAt5.toFixed(3)}`);
  }
}
db.close();
sdb.close();
await rm(scratch, { recursive: true, force: true });
