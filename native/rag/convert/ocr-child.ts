// Child process: renders PDF pages with pdf.js onto @napi-rs/canvas (scale 2) and recognises them
// with tesseract.js using the bundled English data — never a network fetch. A native crash in the
// canvas takes down only this process. Protocol: one OcrRequest in, OcrChildMessage out.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { createWorker } from "tesseract.js";
import { openPdf } from "./pdfjs.ts";

export interface OcrRequest {
  path: string;
  pages: number[];
}

export type OcrChildMessage =
  | { type: "page"; number: number; text: string; confidence: number; renderMs: number; ocrMs: number }
  | { type: "page-error"; number: number; message: string }
  | { type: "error"; message: string }
  | { type: "done" };

const require = createRequire(import.meta.url);
export const TESSERACT_LANG_PATH = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0");

const send = (message: OcrChildMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

async function run({ path, pages }: OcrRequest): Promise<void> {
  const doc = await openPdf(new Uint8Array(await readFile(path)));
  const worker = await createWorker("eng", 1, { langPath: TESSERACT_LANG_PATH, gzip: true, cacheMethod: "none" });
  try {
    for (const number of pages) {
      try {
        const started = performance.now();
        const page = await doc.getPage(number);
        const viewport = page.getViewport({ scale: 2 });
        const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const context = canvas.getContext("2d");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
        const png = await canvas.encode("png");
        page.cleanup();
        const rendered = performance.now();
        const { data } = await worker.recognize(png);
        await send({
          type: "page",
          number,
          text: data.text,
          confidence: data.confidence,
          renderMs: Math.round(rendered - started),
          ocrMs: Math.round(performance.now() - rendered),
        });
      } catch (err) {
        await send({ type: "page-error", number, message: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    await worker.terminate();
    await doc.destroy();
  }
}

process.once("message", (request: OcrRequest) => {
  // Lets a test stand in for a native crash in the canvas addon (what @napi-rs/canvas 1.x did).
  if (process.env.ENCLAVE_TEST_OCR_CRASH === "1") process.kill(process.pid, "SIGSEGV");
  run(request)
    .then(() => send({ type: "done" }))
    .catch((err: unknown) => send({ type: "error", message: err instanceof Error ? err.message : String(err) }))
    .finally(() => process.exit(0));
});
