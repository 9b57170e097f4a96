// Ingestion speed through the real engine process: pages/s for a generated 40-lines-a-page PDF,
// full-text only and with an embedding model (the tiny test model by default: its speed is that of a
// ~4M-parameter embedder, so the embedded figure is an upper bound for real embedders; pass
// --embedder <gguf> for a real one). Also how long the engine takes to answer a ping meanwhile.
// --threads N pins the embedder's threads (ENCLAVE_THREADS); by default the engine picks.
// Then real documents (scripts/bench/ingest-corpus.ts): Enclave's pages/s on the evaluation corpus's
// PDFs (or --corpus DIR) beside `pdftotext`'s on the same files, measured in this run, and OCR
// seconds per scanned page with one tesseract.js worker and with one per core.
// --quick: a smaller run (50 generated pages, no embedded run, 4 corpus PDFs, 2 scanned pages).
// Usage: node --import tsx scripts/bench-ingest.ts [--quick] [--pages 200] [--embedder file.gguf] [--threads N]
//          [--corpus DIR] [--ocr-pages 4] [--ocr-scales 2]
import { parseArgs } from "node:util";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
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
    "ocr-scales": { type: "string", default: "2" },
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

const embedder = values.embedder ?? (await getTestModels()).q8_0;
console.log(`\n## Ingestion — ${new Date().toISOString()} (${values.embedder ? embedder : "tiny test model as embedder"})\n`);
console.log("| index | threads | pages | chunks | seconds | pages/s | median engine ping ms | worst engine ping ms |");
console.log("|---|---|---|---|---|---|---|---|");
console.log(await measure(null));
if (!values.quick) console.log(await measure(embedder));
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
    const poppler = await pdftotextSeconds(files);
    const engine = await engineIngest(docs, warmUp);
    const alone = await convertOnly(files, 1, warmUp);
    const pool = await convertOnly(files, cores, warmUp);
    const popplerRate = engine.pages / poppler;
    const row = (what: string, r: { pages: number; seconds: number }) =>
      `| ${what} | ${r.pages} | ${r.seconds.toFixed(1)} | ${(r.pages / r.seconds).toFixed(1)} | ${(r.pages / r.seconds / popplerRate).toFixed(2)}× |`;
    console.log(`\n### Real PDFs: ${chosen.length} files of ${dir}, OCR off, ${cores} cores, warm (PDF workers started)\n`);
    console.log("| what | pages | seconds | pages/s | vs pdftotext |");
    console.log("|---|---|---|---|---|");
    console.log(row("`pdftotext` (poppler, one file after another)", { pages: engine.pages, seconds: poppler }));
    console.log(row("Enclave ingest, engine process, full text", engine));
    console.log(row("Enclave converters alone, 1 worker", alone));
    console.log(row(`Enclave converters alone, ${cores} workers (${cores} files at a time)`, pool));

    const source = join(dir, SCAN_SOURCE);
    const ocrPages = Number(values["ocr-pages"] ?? (values.quick ? 2 : 4));
    const scan = await scannedCopy(source, 2, 1 + ocrPages, work);
    console.log(`\n### OCR: pages 2–${1 + ocrPages} of ${SCAN_SOURCE} scanned at 150 dpi (no text layer); start-up of the OCR process included\n`);
    console.log("| tesseract.js workers | render scale | s per page (wall) | median render s | median s from render to text (waiting for a worker included) | words of the text layer found |");
    console.log("|---|---|---|---|---|---|");
    for (const scale of values["ocr-scales"].split(",").map(Number)) {
      for (const workers of [...new Set([1, cores])]) {
        const r = await ocrSecondsPerPage(scan, source, 2, 1 + ocrPages, workers, scale);
        console.log(`| ${workers} | ${scale} | ${r.perPage.toFixed(2)} | ${r.renderS.toFixed(2)} | ${r.recogniseS.toFixed(2)} | ${(r.recall * 100).toFixed(1)}% |`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
