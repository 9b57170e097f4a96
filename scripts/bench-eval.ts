// Retrieval quality on the public evaluation set (test/eval/: real Debian-packaged manuals in
// English, French and German, slides, a two-column paper, a scanned page): Enclave's full-text
// search (as on a fresh install, no embedding model) against the naive baseline
// (scripts/eval/naive-baseline.ts), both built and measured in this run. Prints one table per
// grouping: all questions, by question language, cross-language, by kind of document.
// Usage: node --import tsx scripts/bench-eval.ts [--index DIR] [--json FILE]
//   --index DIR  keep Enclave's index there and reuse it on the next run (retrieval-only changes)
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RagStore } from "../native/rag/index/index.ts";
import { ingestPaths } from "../native/rag/ingest/index.ts";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { Converters } from "../native/rag/convert/index.ts";
import { parseEvalQuestions, scoreEval, type EvalQuestion, type RankedSource, type ScoredQuestion } from "../native/rag/eval/index.ts";
import { buildCorpus, corpusDocuments, QUESTIONS, type CorpusDocument } from "./eval-corpus.ts";
import { buildNaiveIndex } from "./eval/naive-baseline.ts";

const args = process.argv.slice(2);
const optionOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const K = 5;

interface Tagged {
  question: EvalQuestion;
  lang: string;
  doc: CorpusDocument;
}

async function main(): Promise<void> {
  const docsDir = await buildCorpus();
  const docs = await corpusDocuments();
  const byFile = new Map(docs.map((d) => [d.file, d]));
  const text = await readFile(QUESTIONS, "utf8");
  const questions = parseEvalQuestions(text, "jsonl");
  const langs = text.split("\n").filter((l) => l.trim()).map((l) => (JSON.parse(l) as { lang: string }).lang);
  const tagged: Tagged[] = questions.map((q, i) => {
    const doc = byFile.get(q.file);
    if (!doc) throw new Error(`question on line ${q.line} names ${q.file}, which is not in sources.json`);
    return { question: q, lang: langs[i]!, doc };
  });
  const paths = docs.map((d) => join(docsDir, d.file));

  const work = await mkdtemp(join(tmpdir(), "enclave-bench-eval-"));
  const indexDir = optionOf("--index") ?? join(work, "enclave");
  const converters = new Converters();
  try {
    const reuse = await stat(join(indexDir, "rag-meta.json")).then(() => true, () => false);
    const store = await RagStore.open(indexDir, { embedder: null });
    const tIngest = performance.now();
    if (!reuse) {
      const run = await ingestPaths({ store, embedder: null, converters }, paths, "eval", { ocr: true });
      const failed = run.files.filter((f) => f.outcome === "failed");
      if (failed.length) throw new Error(`ingest failed: ${failed.map((f) => `${f.path}: ${f.error?.message}`).join("; ")}`);
    }
    const ingestS = (performance.now() - tIngest) / 1000;
    const retriever = new Retriever(store);
    const enclave = await score(tagged, async (q) => (await retriever.search(q, { limit: K, mode: "fulltext", collection: "eval" })).map((r): RankedSource => ({ file: r.path, page: r.page })));
    await store.close();
    await converters.dispose();

    const naiveIndex = await buildNaiveIndex(join(work, "naive"), paths);
    const naive = await score(tagged, (q) => naiveIndex.search(q, K));
    naiveIndex.close();

    const groups: [string, (t: Tagged) => boolean][] = [
      ["all", () => true],
      ["questions in English", (t) => t.lang === "en"],
      ["questions in French", (t) => t.lang === "fr"],
      ["questions in German", (t) => t.lang === "de"],
      ["cross-language", (t) => t.lang !== t.doc.lang],
      ...[...new Set(docs.map((d) => d.kind))].map((kind): [string, (t: Tagged) => boolean] => [`kind: ${kind}`, (t) => t.doc.kind === kind]),
    ];
    const lines = [
      `${questions.length} questions over ${docs.length} documents, k=${K}, full text only (no embedding model). Enclave ingest ${reuse ? "reused" : `${ingestS.toFixed(1)} s`}.`,
      "",
      "| group | n | naive hit@1 | naive hit@5 | naive MRR | Enclave hit@1 | Enclave hit@5 | Enclave MRR | Enclave same-file hit@5 |",
      "|---|---|---|---|---|---|---|---|---|",
    ];
    const json: Record<string, unknown> = {};
    for (const [name, keep] of groups) {
      const idx = tagged.map((t, i) => (keep(t) ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) continue;
      const n = scoreEval(idx.map((i) => naive.scored[i]!), { collection: "eval", mode: "fulltext", k: K, ms: 0 });
      const e = scoreEval(idx.map((i) => enclave.scored[i]!), { collection: "eval", mode: "fulltext", k: K, ms: 0 });
      const f = (x: number) => x.toFixed(3);
      lines.push(`| ${name} | ${idx.length} | ${f(n.hitAt1)} | ${f(n.hitAt5)} | ${f(n.mrr)} | ${f(e.hitAt1)} | ${f(e.hitAt5)} | ${f(e.mrr)} | ${f(e.sameFile.hitAt5)} |`);
      json[name] = { n: idx.length, naive: n.pageExact, naiveSameFile: n.sameFile, enclave: e.pageExact, enclaveSameFile: e.sameFile };
      if (name === "all") json.enclaveMisses = e.misses;
    }
    console.log(lines.join("\n"));
    const jsonOut = optionOf("--json");
    if (jsonOut) await writeFile(jsonOut, JSON.stringify(json, null, 2));
    if (args.includes("--misses")) for (const m of (json.enclaveMisses as { line: number; question: string; expected: unknown; first: unknown; sameFileRank: number | null }[])) console.log(JSON.stringify(m));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function score(tagged: readonly Tagged[], search: (q: string) => Promise<RankedSource[]>): Promise<{ scored: ScoredQuestion[] }> {
  const scored: ScoredQuestion[] = [];
  for (const t of tagged) scored.push({ question: t.question, results: await search(t.question.question) });
  return { scored };
}

await main();
