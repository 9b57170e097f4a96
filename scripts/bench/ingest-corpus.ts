// The ingest bench's real-document figures: Enclave's pages/s on the PDF corpus beside poppler's
// `pdftotext` on the same files in the same run, and OCR seconds per scanned page with one
// tesseract.js worker and with one per core, cold (OCR process started for the document) and warm
// (the next document on the same process), in wall and CPU seconds, with how many of the page's
// words OCR found.
import { execFile, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { startEngine } from "../../native/client/start-engine.ts";
import { Converters } from "../../native/rag/convert/index.ts";
import { OcrHost } from "../../native/rag/convert/ocr-host.ts";
import { jpegsToPdf } from "../eval/jpeg-pdf.ts";
import { median } from "../median.ts";

const run = promisify(execFile);

export function hasPdftotext(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** `pdftotext` over every file, one after another (it uses one core); its own text to /dev/null. */
export async function pdftotextSeconds(files: string[]): Promise<number> {
  const started = performance.now();
  for (const file of files) await run("pdftotext", [file, "/dev/null"]);
  return (performance.now() - started) / 1000;
}

/**
 * Enclave's whole ingest through the engine process (full text only, OCR off): pages and seconds.
 * `warmUp` (a small PDF) is ingested first into another collection, so the figure is a warm
 * engine's (PDF workers started, pdf.js loaded), as for every ingest but the first after a start.
 */
export async function engineIngest(dir: string, warmUp: string): Promise<{ pages: number; seconds: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-corpus-"));
  const client = await startEngine({ dataDir, gpu: false });
  try {
    await client.call("settings.update", { embeddingModel: null, ocr: false });
    await client.call("rag.ingest", { paths: [warmUp], collection: "warm-up" });
    const started = performance.now();
    const result = await client.call("rag.ingest", { paths: [dir], collection: "bench" });
    const seconds = (performance.now() - started) / 1000;
    const failed = result.files.filter((f) => f.outcome === "failed");
    if (failed.length) throw new Error(`ingest failed: ${failed.map((f) => `${f.path}: ${f.error?.message}`).join("; ")}`);
    return { pages: result.files.reduce((n, f) => n + f.pages, 0), seconds };
  } finally {
    await client.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Enclave's converters alone (no chunking, no index), in this process, warmed up like engineIngest:
 * `maxWorkers` files at a time (what the pool can do; the pipeline converts the next file ahead).
 */
export async function convertOnly(files: string[], maxWorkers: number, warmUp: string): Promise<{ pages: number; seconds: number }> {
  const converters = new Converters({ maxWorkers });
  try {
    await Promise.all(Array.from({ length: maxWorkers }, () => converters.convertFile(warmUp, { ocr: false })));
    const started = performance.now();
    let pages = 0;
    const queue = [...files];
    const lane = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const doc = await converters.convertFile(file, { ocr: false });
        pages += doc.pages.length; // after the await: `pages += await …` would add to a stale total
      }
    };
    await Promise.all(Array.from({ length: maxWorkers }, lane));
    return { pages, seconds: (performance.now() - started) / 1000 };
  } finally {
    await converters.dispose();
  }
}

/** Pages `first`..`last` of `source` rendered at 150 dpi greyscale and wrapped in a PDF with no text layer. */
export async function scannedCopy(source: string, first: number, last: number, workDir: string): Promise<string> {
  const scans = join(workDir, "scans");
  await mkdir(scans, { recursive: true });
  execFileSync("pdftoppm", ["-f", String(first), "-l", String(last), "-r", "150", "-gray", "-jpeg", source, join(scans, "page")]);
  // pdftoppm pads page numbers to the document's page count's width: page-2.jpg or page-02.jpg.
  const names = (await readdir(scans)).filter((f) => f.endsWith(".jpg")).sort();
  const jpegs = await Promise.all(names.map((f) => readFile(join(scans, f))));
  const out = join(workDir, `scanned-${basename(source)}`);
  await writeFile(out, jpegsToPdf(jpegs, 150));
  return out;
}

const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{3,}/gu) ?? []);

export interface OcrFigures {
  /** Wall seconds per page (the machine may be shared: see cpuPerPage). */
  perPage: number;
  /** CPU seconds per page: the OCR process's (every thread) plus this one's. */
  cpuPerPage: number;
  renderS: number;
  recogniseS: number;
  /** Share of the text layer's words OCR found. */
  recall: number;
  rssMb: number;
}

/**
 * OCR of every page of `scan` with `workers` tesseract workers, twice on one OcrHost: `cold` (the
 * OCR process and its workers start for this document) and `warm` (the next document: they are
 * running already). Each: wall and CPU seconds per page, the median render and recognition time of
 * one page, and the share of the text layer's words found.
 */
export async function ocrSecondsPerPage(
  scan: string,
  source: string,
  first: number,
  last: number,
  workers: number,
  scale?: number,
): Promise<{ cold: OcrFigures; warm: OcrFigures }> {
  const pages = Array.from({ length: last - first + 1 }, (_, i) => i + 1);
  const { stdout } = await run("pdftotext", ["-f", String(first), "-l", String(last), source, "-"], { maxBuffer: 64 * 1024 * 1024 });
  const truth = words(stdout);
  const host = new OcrHost();
  const once = async (): Promise<OcrFigures> => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const ocr = await host.run(scan, pages, { workers, ...(scale !== undefined && { scale }) });
    const seconds = (performance.now() - started) / 1000;
    const own = process.cpuUsage(cpuBefore);
    const found = words([...ocr.results.values()].map((r) => (r.ok ? r.text : "")).join("\n"));
    const hits = [...truth].filter((w) => found.has(w)).length;
    const ok = [...ocr.results.values()].filter((r) => r.ok);
    return {
      perPage: seconds / pages.length,
      cpuPerPage: ((ocr.childCpuMs ?? NaN) / 1000 + (own.user + own.system) / 1e6) / pages.length,
      renderS: ok.length ? median(ok.map((r) => r.renderMs)) / 1000 : NaN,
      recogniseS: ok.length ? median(ok.map((r) => r.ocrMs)) / 1000 : NaN,
      recall: truth.size ? hits / truth.size : 0,
      rssMb: (ocr.childRssBytes ?? NaN) / 2 ** 20,
    };
  };
  try {
    const cold = await once();
    const warm = await once();
    return { cold, warm };
  } finally {
    await host.dispose();
  }
}

export const cores = availableParallelism();
