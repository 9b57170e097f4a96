// Worker thread: parses one PDF and posts each page's blocks as soon as it is laid out, so the
// engine's event loop never waits on pdf.js. Messages: PdfWorkerMessage.
import { readFile } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { layoutPage, type TextItem } from "./pdf-layout.ts";
import { classifyPdfError, openPdf, type PdfFailure } from "./pdfjs.ts";
import type { BlockDraft } from "./types.ts";

export type PdfWorkerMessage =
  | { type: "meta"; pages: number; title?: string }
  | { type: "page"; number: number; drafts: BlockDraft[]; chars: number }
  | { type: "page-error"; number: number; message: string }
  | ({ type: "error" } & PdfFailure)
  | { type: "done" };

export interface PdfWorkerInput {
  path: string;
}

const post = (message: PdfWorkerMessage) => parentPort!.postMessage(message);

async function main({ path }: PdfWorkerInput): Promise<void> {
  const data = new Uint8Array(await readFile(path));
  let doc;
  try {
    doc = await openPdf(data);
  } catch (err) {
    post({ type: "error", ...classifyPdfError(err) });
    return;
  }
  let title: string | undefined;
  try {
    const info = (await doc.getMetadata()).info as { Title?: unknown } | undefined;
    if (typeof info?.Title === "string" && info.Title.trim()) title = info.Title.trim();
  } catch {
    // metadata is optional
  }
  post({ type: "meta", pages: doc.numPages, ...(title ? { title } : {}) });
  for (let number = 1; number <= doc.numPages; number++) {
    try {
      const page = await doc.getPage(number);
      const { width } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const [a = 1, b = 0, , , x = 0, y = 0] = item.transform as number[];
        items.push({ str: item.str, x, y, width: item.width, height: item.height || Math.hypot(a, b) });
      }
      const drafts = layoutPage(items, width);
      const chars = drafts.reduce((n, d) => n + d.text.replace(/\s/g, "").length, 0);
      post({ type: "page", number, drafts, chars });
      page.cleanup();
    } catch (err) {
      post({ type: "page-error", number, message: err instanceof Error ? err.message : String(err) });
    }
  }
  await doc.destroy();
  post({ type: "done" });
}

main(workerData as PdfWorkerInput).catch((err: unknown) => post({ type: "error", ...classifyPdfError(err) }));
