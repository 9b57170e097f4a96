// Worker thread: parses PDFs one job at a time and posts each page's blocks as soon as it is laid
// out, so the engine's event loop never waits on pdf.js. The worker lives across jobs (loading
// pdf.js costs ~0.5–2 s); a WorkerPool (worker-pool.ts) owns it. In: PdfWorkerJob; out: PdfWorkerMessage.
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { layoutPage, type TextItem } from "./pdf-layout.ts";
import { classifyPdfError, openPdf, type PdfFailure } from "./pdfjs.ts";
import type { BlockDraft } from "./types.ts";
import { Mutex } from "../../util/mutex.ts";

export type PdfWorkerMessage = { job: number } & PdfWorkerEvent;

export type PdfWorkerEvent =
  | { type: "meta"; pages: number; title?: string }
  | { type: "page"; number: number; drafts: BlockDraft[]; chars: number }
  | { type: "page-error"; number: number; message: string }
  | ({ type: "error" } & PdfFailure)
  | { type: "done" };

export interface PdfWorkerJob {
  job: number;
  path: string;
  /** Only these pages (the source viewer reads one); all pages when omitted. */
  pages?: number[];
  /** This worker's share of those pages when several workers parse one PDF: every `count`-th page from the `index`-th. */
  shard?: PdfShard;
}

export interface PdfShard {
  index: number;
  count: number;
}

async function parse({ job, path, pages, shard }: PdfWorkerJob): Promise<void> {
  const post = (event: PdfWorkerEvent) => parentPort!.postMessage({ job, ...event } satisfies PdfWorkerMessage);
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
  const numbers = (pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1))
    .filter((n) => n >= 1 && n <= doc.numPages)
    .filter((_, i) => !shard || i % shard.count === shard.index);
  for (const number of numbers) {
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

// Jobs run strictly one after another, in the order they came. No wait is cancelled here: the pool
// cancels a job by ending this worker.
const jobs = new Mutex();
parentPort!.on("message", (job: PdfWorkerJob) => {
  void jobs.run(() =>
    parse(job).catch((err: unknown) => {
      const failure = (err as NodeJS.ErrnoException)?.code ? { reason: "pdf-corrupt" as const, message: String(err) } : classifyPdfError(err);
      parentPort!.postMessage({ job: job.job, type: "error", ...failure } satisfies PdfWorkerMessage);
    }),
  );
});
