// PDF: text per page in reading order, parsed in worker threads (pdf-worker.ts) so the engine's
// event loop stays responsive; pages with no text layer go to OCR (ocr.ts) unless switched off.
// Page numbers are the PDF's own, 1-based, and every page is present even when empty. A large PDF
// is split across several workers (every n-th page each); pages are keyed by number, so the result
// is the same whichever worker read which page.
import { convertError } from "./errors.ts";
import { ocrTextToDrafts } from "./ocr.ts";
import type { OcrHost } from "./ocr-host.ts";
import { PageBuilder } from "./page-builder.ts";
import type { PdfWorkerEvent, PdfWorkerJob } from "./pdf-worker.ts";
import type { BlockDraft, ConvertOptions, ConvertedDocument } from "./types.ts";
import type { WorkerPool } from "./worker-pool.ts";

export type PdfPool = WorkerPool<Omit<PdfWorkerJob, "job">, PdfWorkerEvent>;

export interface PdfReaders {
  pool: PdfPool;
  /** Workers this PDF's pages are split across (1: one worker reads them all). */
  shards: number;
  /** The OCR child's owner (kept warm across documents). */
  ocr: OcrHost;
  /** tesseract.js workers for the pages that need OCR. */
  ocrWorkers: number;
}

/** Fewer non-space characters than this on a page means "no text layer": OCR it. */
export const MIN_TEXT_CHARS = 16;

export interface ParsedPdf {
  pageCount: number;
  title?: string;
  pages: Map<number, { drafts: BlockDraft[]; chars: number } | { error: string }>;
}

export async function convertPdf(readers: PdfReaders, path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  const useOcr = options.ocr !== false;
  let done = 0;
  let total = 0;
  const parsed = await parsePdf(readers.pool, path, {
    shards: readers.shards,
    signal: options.signal,
    onMeta: (pages) => (total = pages),
    onPage: (number, chars) => {
      if (chars >= MIN_TEXT_CHARS || !useOcr) options.onProgress?.({ done: ++done, total, unit: "page", page: { number, ocr: false, chars } });
    },
  });

  const warnings: string[] = [];
  const needOcr: number[] = [];
  for (let n = 1; n <= parsed.pageCount; n++) {
    const page = parsed.pages.get(n);
    if (!page) warnings.push(`Page ${n} could not be read.`);
    else if ("error" in page) warnings.push(`Page ${n} could not be read: ${page.error}`);
    else if (page.chars < MIN_TEXT_CHARS) needOcr.push(n);
  }
  if (!useOcr && needOcr.length) {
    warnings.push(`${needOcr.length === 1 ? "Page" : "Pages"} ${needOcr.join(", ")} ${needOcr.length === 1 ? "has" : "have"} no text layer; OCR is off, so ${needOcr.length === 1 ? "it was" : "they were"} skipped.`);
  }
  const ocrDrafts = new Map<number, BlockDraft[]>();
  if (useOcr && needOcr.length) {
    const { results } = await readers.ocr.run(path, needOcr, {
      workers: readers.ocrWorkers,
      signal: options.signal,
      onPage: (r) => options.onProgress?.({ done: ++done, total, unit: "page", page: { number: r.number, ocr: r.ok, chars: r.ok ? r.text.length : 0 } }),
    });
    for (const n of needOcr) {
      const r = results.get(n);
      if (r?.ok) {
        const drafts = ocrTextToDrafts(r.text);
        ocrDrafts.set(n, drafts);
        if (drafts.length === 0) warnings.push(`Page ${n}: OCR found no text.`);
        else if (r.confidence < 60) warnings.push(`Page ${n}: OCR confidence is low (${Math.round(r.confidence)}%).`);
      } else warnings.push(`Page ${n}: OCR failed${r && !r.ok ? `: ${r.error}` : ""}.`);
    }
  }

  const result: ConvertedDocument = { format: "pdf", pages: [], blocks: [], warnings };
  if (parsed.title) result.title = parsed.title;
  for (let n = 1; n <= parsed.pageCount; n++) {
    const builder = new PageBuilder(n);
    const ocr = ocrDrafts.get(n);
    const page = parsed.pages.get(n);
    builder.addAll(ocr ?? (page && "drafts" in page ? page.drafts : []));
    result.pages.push(builder.page(ocr !== undefined));
    result.blocks.push(...builder.blocks);
  }
  return result;
}

export interface ParsePdfOptions {
  signal?: AbortSignal;
  /** Only these pages (the source viewer reads one); every page when omitted. */
  pages?: number[];
  /** Workers to split the pages across (default 1). */
  shards?: number;
  onPage?: (number: number, chars: number) => void;
  onMeta?: (pages: number) => void;
}

/** Parses the PDF in worker threads: every page, or only `pages`. */
export async function parsePdf(pool: PdfPool, path: string, options: ParsePdfOptions = {}): Promise<ParsedPdf> {
  const parsed: ParsedPdf = { pageCount: 0, pages: new Map() };
  const count = Math.max(1, Math.floor(options.shards ?? 1));
  let metaSeen = false;
  // Every shard posts the document's meta before its pages: the first one is used.
  const handle = (message: PdfWorkerEvent): ParsedPdf | undefined => {
    switch (message.type) {
      case "meta":
        if (metaSeen) return;
        metaSeen = true;
        parsed.pageCount = message.pages;
        if (message.title) parsed.title = message.title;
        options.onMeta?.(message.pages);
        return;
      case "page":
        parsed.pages.set(message.number, { drafts: message.drafts, chars: message.chars });
        options.onPage?.(message.number, message.chars);
        return;
      case "page-error":
        parsed.pages.set(message.number, { error: message.message });
        return;
      case "error":
        throw convertError(message.reason, message.message, message.passwordCode ? { passwordCode: message.passwordCode } : undefined);
      case "done":
        return parsed;
    }
  };
  const jobs = Array.from({ length: count }, (_, index) =>
    pool.run({ path, ...(options.pages && { pages: options.pages }), ...(count > 1 && { shard: { index, count } }) }, options.signal, handle),
  );
  // Every shard settles before this returns, so no worker is still reading the file afterwards.
  const settled = await Promise.allSettled(jobs);
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return parsed;
}
