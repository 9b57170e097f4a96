// Child process: renders PDF pages with pdf.js onto @napi-rs/canvas and recognises them with
// tesseract.js using the bundled English data — never a network fetch. A native crash in the
// canvas takes down only this process. It lives across documents (OcrHost, ocr-host.ts, owns it and
// stops it when idle): starting tesseract's workers costs about a second of CPU each, and loading
// pdf.js and this module as much again, so a warm child keeps them for the next document.
// Protocol: OcrRequest in (one at a time), OcrChildMessage out, each tagged with the request's id.
// Recognition runs on a tesseract.js scheduler with `workers` workers (one per core the caller
// allows): this process renders the next page while they recognise the earlier ones, so pages
// finish (and are reported) out of order. The child exits when its parent's channel closes.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { createScheduler, createWorker, type Scheduler } from "tesseract.js";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { openPdf } from "./pdfjs.ts";

export interface OcrRequest {
  type: "ocr";
  id: number;
  path: string;
  pages: number[];
  /** tesseract.js workers (threads) to recognise pages in parallel; default 1. */
  workers?: number;
  /** pdf.js render scale; default OCR_RENDER_SCALE (the bench compares others). */
  scale?: number;
  /** A test stands in for a native crash in the canvas addon (what @napi-rs/canvas 1.x did). */
  testCrash?: boolean;
}

/**
 * pdf.js scale of the rendered page: 2 = 144 dpi. Measured on 12 scanned pages of a manual
 * (BENCHMARKS.md, OCR settings): 1.5 costs ~20% less CPU but finds ~1.3% fewer words, 1.25 ~12% fewer.
 */
export const OCR_RENDER_SCALE = 2;

export type OcrChildEvent =
  /** `ocrMs`: from the rendered page to its text, waiting for a free tesseract worker included. */
  | { type: "page"; number: number; text: string; confidence: number; renderMs: number; ocrMs: number }
  | { type: "page-error"; number: number; message: string }
  | { type: "error"; message: string }
  /** `cpuMs`: this process's CPU time (every thread) for the request; `warm`: its workers were running already. */
  | { type: "done"; cpuMs: number; rssBytes: number; warm: boolean };

export type OcrChildMessage = { id: number } & OcrChildEvent;

const require = createRequire(import.meta.url);
/**
 * tessdata_best's LSTM model, integerised (2.9 MB): the same recognition CPU and words found as the
 * 10.9 MB `4.0.0` data (which adds the legacy engine Enclave never runs), and a third of its
 * start-up per worker (measured: 0.6 vs 1.5 CPU-seconds).
 */
export const TESSERACT_LANG_PATH = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");

const send = (message: OcrChildMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

/**
 * The page as a binary PGM (8-bit grey, no compression): tesseract reads it without decoding a PNG,
 * and this process skips encoding one — about 0.5 CPU-seconds a page less than PNG, same text.
 */
async function renderPage(doc: PDFDocumentProxy, number: number, scale: number): Promise<Buffer> {
  const page = await doc.getPage(number);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
  page.cleanup();
  const { width, height } = canvas;
  const rgba = context.getImageData(0, 0, width, height).data;
  const header = `P5\n${width} ${height}\n255\n`;
  const pgm = Buffer.allocUnsafe(header.length + width * height);
  pgm.write(header, 0, "latin1");
  // ITU-R BT.601 luma in fixed point (the page was painted on white, so alpha is always opaque).
  for (let i = 0, j = header.length; i < rgba.length; i += 4, j++) pgm[j] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  return pgm;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The scheduler and its workers, kept between requests. */
let scheduler: Scheduler | null = null;
let workerCount = 0;

/** `count` workers on the scheduler: more are started, and a smaller count starts over. */
async function ensureWorkers(count: number): Promise<void> {
  if (scheduler && workerCount === count) return;
  if (scheduler && workerCount > count) {
    const old = scheduler;
    scheduler = null;
    workerCount = 0;
    await old.terminate();
  }
  const target = (scheduler ??= createScheduler());
  const adding = count - workerCount;
  workerCount = count;
  try {
    const started = await Promise.all(Array.from({ length: adding }, () => createWorker("eng", 1, { langPath: TESSERACT_LANG_PATH, gzip: true, cacheMethod: "none" })));
    for (const worker of started) target.addWorker(worker);
  } catch (err) {
    // Start again from nothing at the next request rather than run with a half-made scheduler.
    scheduler = null;
    workerCount = 0;
    await target.terminate();
    throw err;
  }
}

/** Workers a request for `pages` with `workers` asked for gets: at least 1, at most one per page. */
const workersFor = ({ pages, workers = 1 }: OcrRequest) => Math.max(1, Math.min(Math.floor(workers), pages.length));

async function run(request: OcrRequest): Promise<void> {
  const { id, path, pages, scale = OCR_RENDER_SCALE } = request;
  const emit = (event: OcrChildEvent) => send({ id, ...event });
  const count = workersFor(request);
  const ready = ensureWorkers(count);
  ready.catch(() => undefined); // awaited below; an early failure must not be unhandled meanwhile
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await openPdf(new Uint8Array(await readFile(path)));
    // At most one rendered page waits for a free worker: memory stays bounded on long scans.
    const inFlight = new Set<Promise<void>>();
    for (const number of pages) {
      while (inFlight.size > count) await Promise.race(inFlight);
      const renderStarted = performance.now();
      let image: Buffer;
      try {
        image = await renderPage(doc, number, scale);
      } catch (err) {
        await emit({ type: "page-error", number, message: errorText(err) });
        continue;
      }
      const rendered = performance.now();
      await ready; // the first page renders while the workers start
      const job: Promise<void> = scheduler!
        .addJob("recognize", image)
        .then(
          ({ data }) =>
            emit({ type: "page", number, text: data.text, confidence: data.confidence, renderMs: Math.round(rendered - renderStarted), ocrMs: Math.round(performance.now() - rendered) }),
          (err: unknown) => emit({ type: "page-error", number, message: errorText(err) }),
        )
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    await Promise.all(inFlight);
    await ready;
  } finally {
    // Whatever failed, the workers are either started or reset before the next request comes.
    await ready.catch(() => undefined);
    await doc?.destroy();
  }
}

let busy: Promise<void> = Promise.resolve();
process.on("message", (request: OcrRequest) => {
  if (request.testCrash) process.kill(process.pid, "SIGSEGV");
  busy = busy.then(async () => {
    const cpuBefore = process.cpuUsage();
    const warm = scheduler !== null && workerCount === workersFor(request);
    try {
      await run(request);
    } catch (err) {
      await send({ id: request.id, type: "error", message: errorText(err) });
    }
    const cpu = process.cpuUsage(cpuBefore);
    await send({ id: request.id, type: "done", cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssBytes: process.memoryUsage().rss, warm });
  });
});
// The parent is gone (or dropped this child): nothing more will come.
process.on("disconnect", () => process.exit(0));
