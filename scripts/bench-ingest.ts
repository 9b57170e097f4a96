// Ingestion speed through the real engine process: pages/s for a generated 40-lines-a-page PDF,
// full-text only and with an embedding model (the tiny test model by default: its speed is that of a
// ~4M-parameter embedder, so the embedded figure is an upper bound for real embedders; pass
// --embedder <gguf> for a real one). Also how long the engine takes to answer a ping meanwhile.
// --threads N pins the embedder's threads (ENCLAVE_THREADS); by default the engine picks.
// Then real documents (scripts/bench/ingest-corpus.ts): Enclave's pages/s on the evaluation corpus's
// PDFs (or --corpus DIR) beside `pdftotext`'s on the same files, measured in this run, and OCR
// seconds (wall and CPU) per scanned page of a 12-page scan with one tesseract.js worker and with one
// per core, at each --ocr-scales render scale, cold and warm, with the share of words found.
// --quick: a smaller run (50 generated pages, no embedded run, 4 corpus PDFs, 2 scanned pages).
// --ocr-only: only the OCR table.
// Usage: node --import tsx scripts/bench-ingest.ts [--quick] [--pages 200] [--embedder file.gguf] [--threads N]
//          [--corpus DIR] [--ocr-pages 12] [--ocr-scales 2,1.5] [--ocr-only]
import { parseArgs } from "node:util";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startEngine } from "../native/client/start-engine.ts";
import { manyPagePdf } from "../test/fixtures/documents/documents.ts";
import { getTestModels } from "../test/fixtures/test-models.ts";
import { median } from "./median.ts";
import { buildCorpus } from "./eval-corpus.ts";
import { convertOnly, cores, engineIngest, hasPdftotext, ocrSecondsPerPage, pdftotextSeconds, scannedCopy } from "./bench/ingest-corpus.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    pages: { type: "string" },
    embedder: { type: "string" },
    threads: { type: "string", default: "" },
    corpus: { type: "string" },
    "ocr-pages": { type: "string" },
    "ocr-scales": { type: "string", default: "2,1.5" },
    "ocr-only": { type: "boolean", default: false },
  },
});
const pages = Number(values.pages ?? (values.quick ? 50 : 200));
/** --quick's corpus: four short PDFs (~65 pages: a two-column paper, a manual, slides, a French note). */
const QUICK_CORPUS = ["sample-sigconf.pdf", "testflow_doc.pdf", "frenchmath.pdf", "germanb.pdf"];
/** The scanned pages: an English manual's (the bundled OCR data is English). */
const SCAN_SOURCE = "testflow_doc.pdf";

async function measure(embeddingModel: string | null): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-ingest-"));
  const docs = await mkdtemp(join(tmpdir(), "enclave-bench-docs-"));
  await writeFile(join(docs, "manual.pdf"), manyPagePdf(pages));
  const client = await startEngine({ dataDir, gpu: false, env: { ENCLAVE_THREADS: values.threads } });
  try {
    await client.call("settings.update", { embeddingModel, ocr: false });
    const pings: number[] = [];
    let running = true;
    const pinger = (async () => {
      while (running) {
        const t = performance.now();
        await client.call("engine.ping", {});
        pings.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = performance.now();
    const run = await client.call("rag.ingest", { paths: [docs], collection: "bench" });
    const seconds = (performance.now() - started) / 1000;
    running = false;
    await pinger;
    const file = run.files[0]!;
    if (file.outcome !== "added") throw new Error(`ingest failed: ${JSON.stringify(file.error)}`);
    const worstPing = Math.max(...pings);
    const medianPing = median(pings);
    return `| ${embeddingModel ? "hybrid (embedded)" : "full-text only"} | ${values.threads || "engine's choice"} | ${pages} | ${file.chunks} | ${seconds.toFixed(1)} | ${(pages / seconds).toFixed(1)} | ${medianPing.toFixed(0)} | ${worstPing.toFixed(0)} |`;
  } finally {
    await client.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(docs, { recursive: true, force: true });
  }
}

if (!values["ocr-only"]) {
  const embedder = values.embedder ?? (await getTestModels()).q8_0;
  console.log(`\n## Ingestion — ${new Date().toISOString()} (${values.embedder ? embedder : "tiny test model as embedder"})\n`);
  console.log("| index | threads | pages | chunks | seconds | pages/s | median engine ping ms | worst engine ping ms |");
  console.log("|---|---|---|---|---|---|---|---|");
  console.log(await measure(null));
  if (!values.quick) console.log(await measure(embedder));
}
await realDocuments();

async function realDocuments(): Promise<void> {
  if (!hasPdftotext()) {
    console.log("\nReal documents: skipped, `pdftotext` is not installed (poppler-utils).");
    return;
  }
  let dir: string;
  try {
    dir = values.corpus ?? (await buildCorpus());
  } catch (err) {
    console.log(`\nReal documents: skipped, the corpus could not be built (${err instanceof Error ? err.message : String(err)}); pass --corpus DIR.`);
    return;
  }
  const all = (await readdir(dir)).filter((f) => f.endsWith(".pdf") && !f.startsWith("scanned")).sort();
  const chosen = values.quick ? all.filter((f) => QUICK_CORPUS.includes(f)) : all;
  const work = await mkdtemp(join(tmpdir(), "enclave-bench-real-"));
  try {
    // The engine ingests a folder: links to just the chosen files.
    const docs = join(work, "docs");
    await mkdir(docs);
    for (const f of chosen) await symlink(join(dir, f), join(docs, f));
    const files = chosen.map((f) => join(dir, f));
    const warmUp = join(work, "warm-up.pdf");
    await writeFile(warmUp, manyPagePdf(40));
    if (!values["ocr-only"]) await pdfFigures(files, docs, warmUp, dir);
    await ocrFigures(join(dir, SCAN_SOURCE), work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function pdfFigures(files: string[], docs: string, warmUp: string, dir: string): Promise<void> {
  const poppler = await pdftotextSeconds(files);
  const engine = await engineIngest(docs, warmUp);
  const alone = await convertOnly(files, 1, warmUp);
  const pool = await convertOnly(files, cores, warmUp);
  const popplerRate = engine.pages / poppler;
  const row = (what: string, r: { pages: number; seconds: number }) =>
    `| ${what} | ${r.pages} | ${r.seconds.toFixed(1)} | ${(r.pages / r.seconds).toFixed(1)} | ${(r.pages / r.seconds / popplerRate).toFixed(2)}× |`;
  console.log(`\n### Real PDFs: ${files.length} files of ${dir}, OCR off, ${cores} cores, warm (PDF workers started)\n`);
  console.log("| what | pages | seconds | pages/s | vs pdftotext |");
  console.log("|---|---|---|---|---|");
  console.log(row("`pdftotext` (poppler, one file after another)", { pages: engine.pages, seconds: poppler }));
  console.log(row("Enclave ingest, engine process, full text", engine));
  console.log(row("Enclave converters alone, 1 worker", alone));
  console.log(row(`Enclave converters alone, ${cores} workers (${cores} files at a time)`, pool));
}

async function ocrFigures(source: string, work: string): Promise<void> {
  const ocrPages = Number(values["ocr-pages"] ?? (values.quick ? 2 : 12));
  const scan = await scannedCopy(source, 2, 1 + ocrPages, work);
  const load = loadavg()[0]!.toFixed(2);
  console.log(`\n### OCR: pages 2–${1 + ocrPages} of ${SCAN_SOURCE} scanned at 150 dpi (no text layer); load average ${load} at the start\n`);
  console.log("Cold: the OCR process and its tesseract.js workers start for this document; warm: the next document, on the same process. CPU: the OCR process (every thread) and this one's, per page — the figure to trust on a shared machine.\n");
  console.log("| tesseract.js workers | render scale | start | s per page (wall) | CPU s per page | median render s | median s from render to text (waiting for a worker included) | words of the text layer found | OCR process memory MB |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const scale of values["ocr-scales"].split(",").map(Number)) {
    for (const workers of [...new Set([1, cores])]) {
      const r = await ocrSecondsPerPage(scan, source, 2, 1 + ocrPages, workers, scale);
      for (const [start, f] of [["cold", r.cold], ["warm", r.warm]] as const) {
        console.log(`| ${workers} | ${scale} | ${start} | ${f.perPage.toFixed(2)} | ${f.cpuPerPage.toFixed(2)} | ${f.renderS.toFixed(2)} | ${f.recogniseS.toFixed(2)} | ${(f.recall * 100).toFixed(1)}% | ${f.rssMb.toFixed(0)} |`);
      }
    }
  }
}
