// Child process: renders PDF pages with pdf.js onto @napi-rs/canvas (scale 2) and recognises them
// with tesseract.js using the bundled English data — never a network fetch. A native crash in the
// canvas takes down only this process. Protocol: one OcrRequest in, OcrChildMessage out.
// Recognition runs on a tesseract.js scheduler with `workers` workers (one per core the caller
// allows): this process renders the next page while they recognise the earlier ones, so pages
// finish (and are reported) out of order.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { createScheduler, createWorker } from "tesseract.js";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { openPdf } from "./pdfjs.ts";

export interface OcrRequest {
  path: string;
  pages: number[];
  /** tesseract.js workers (threads) to recognise pages in parallel; default 1. */
  workers?: number;
  /** pdf.js render scale; default OCR_RENDER_SCALE (the bench compares others). */
  scale?: number;
}

/** pdf.js scale of the rendered page: 2 = 144 dpi, what recognition was tuned at. */
export const OCR_RENDER_SCALE = 2;

export type OcrChildMessage =
  /** `ocrMs`: from the rendered page to its text, waiting for a free tesseract worker included. */
  | { type: "page"; number: number; text: string; confidence: number; renderMs: number; ocrMs: number }
  | { type: "page-error"; number: number; message: string }
  | { type: "error"; message: string }
  | { type: "done" };

const require = createRequire(import.meta.url);
export const TESSERACT_LANG_PATH = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0");

const send = (message: OcrChildMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

async function renderPage(doc: PDFDocumentProxy, number: number, scale: number): Promise<Buffer> {
  const page = await doc.getPage(number);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
  const png = await canvas.encode("png");
  page.cleanup();
  return png;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function run({ path, pages, workers = 1, scale = OCR_RENDER_SCALE }: OcrRequest): Promise<void> {
  const doc = await openPdf(new Uint8Array(await readFile(path)));
  const count = Math.max(1, Math.min(Math.floor(workers), pages.length));
  const scheduler = createScheduler();
  try {
    const started = await Promise.all(Array.from({ length: count }, () => createWorker("eng", 1, { langPath: TESSERACT_LANG_PATH, gzip: true, cacheMethod: "none" })));
    for (const worker of started) scheduler.addWorker(worker);
    // At most one rendered page waits for a free worker: memory stays bounded on long scans.
    const inFlight = new Set<Promise<void>>();
    for (const number of pages) {
      while (inFlight.size > count) await Promise.race(inFlight);
      const renderStarted = performance.now();
      let png: Buffer;
      try {
        png = await renderPage(doc, number, scale);
      } catch (err) {
        await send({ type: "page-error", number, message: errorText(err) });
        continue;
      }
      const rendered = performance.now();
      const job: Promise<void> = scheduler
        .addJob("recognize", png)
        .then(
          ({ data }) =>
            send({ type: "page", number, text: data.text, confidence: data.confidence, renderMs: Math.round(rendered - renderStarted), ocrMs: Math.round(performance.now() - rendered) }),
          (err: unknown) => send({ type: "page-error", number, message: errorText(err) }),
        )
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    await Promise.all(inFlight);
  } finally {
    await scheduler.terminate();
    await doc.destroy();
  }
}

process.once("message", (request: OcrRequest) => {
  // Lets a test stand in for a native crash in the canvas addon (what @napi-rs/canvas 1.x did).
  if (process.env.ENCLAVE_TEST_OCR_CRASH === "1") process.kill(process.pid, "SIGSEGV");
  run(request)
    .then(() => send({ type: "done" }))
    .catch((err: unknown) => send({ type: "error", message: errorText(err) }))
    .finally(() => process.exit(0));
});
