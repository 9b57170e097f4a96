// The owner of the converter workers: a pool of PDF worker threads and a pool of HTML/DOCX/Markdown
// worker threads, sharing one set of slots (one conversion per core, fewer when memory is short; see
// worker-slots.ts). RagService makes one and disposes it; nothing here is a module-level singleton.
// Errors are EngineErrors: INVALID_INPUT with `details.reason` for files Enclave cannot read,
// PERMISSION_DENIED / NOT_FOUND for files it cannot open, ABORTED.
import { convertInWorker, type ConvertPool } from "./convert-host.ts";
import { convertCsv } from "./csv.ts";
import { throwIfAborted } from "./errors.ts";
import { convertibleFormat, inspectFile, mapFsError, type InspectedFile } from "./inspect.ts";
import type { OcrPageResult } from "./ocr.ts";
import { OcrHost } from "./ocr-host.ts";
import { convertPdf, parsePdf, type ParsedPdf, type ParsePdfOptions, type PdfPool } from "./pdf.ts";
import { convertText } from "./text.ts";
import type { ConvertOptions, ConvertedDocument } from "./types.ts";
import { WorkerPool } from "./worker-pool.ts";
import { WorkerSlots, type SlotLimits } from "./worker-slots.ts";

/**
 * Bytes of PDF per extra worker. Each worker of a split parses the fonts again (pdf.js loads a
 * page's fonts to extract its text): on a 58-page, 0.8 MB TeX manual a split cost twice the CPU of
 * one worker, on a 311-page, 1.3 MB one 15% more. Smaller PDFs are read whole by one worker and
 * several files convert side by side instead (the pipeline converts the next file ahead).
 */
export const DEFAULT_MIN_BYTES_PER_PDF_SHARD = 1024 * 1024;

export class Converters {
  readonly slots: WorkerSlots;
  readonly #pdf: PdfPool;
  readonly #docs: ConvertPool;
  readonly #ocr = new OcrHost();

  readonly #minBytesPerPdfShard: number;

  /** `minBytesPerPdfShard`: bytes of PDF per extra worker of a split (tests split small PDFs). */
  constructor(limits: Partial<SlotLimits> & { minBytesPerPdfShard?: number } = {}) {
    const { minBytesPerPdfShard = DEFAULT_MIN_BYTES_PER_PDF_SHARD, ...slotLimits } = limits;
    this.#minBytesPerPdfShard = minBytesPerPdfShard;
    this.slots = new WorkerSlots(slotLimits);
    this.#pdf = new WorkerPool(this.slots, "pdf-worker", "The PDF reader");
    this.#docs = new WorkerPool(this.slots, "convert-worker", "The document reader");
  }

  /** Checks, sniffs and converts one file. */
  async convertFile(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
    throwIfAborted(options.signal);
    let file: InspectedFile;
    try {
      file = await inspectFile(path);
    } catch (err) {
      throw mapFsError(err, path);
    }
    return this.convertInspected(path, file, options);
  }

  /** Converts a file its caller has already checked and sniffed (ingestion: it hashed the file first). */
  async convertInspected(path: string, file: InspectedFile, options: ConvertOptions = {}): Promise<ConvertedDocument> {
    throwIfAborted(options.signal);
    try {
      const format = convertibleFormat(file);
      switch (format) {
        case "pdf":
          return await convertPdf({ pool: this.#pdf, shards: this.pdfShards(file.size), ocr: this.#ocr, ocrWorkers: this.slots.allowed }, path, options);
        case "docx":
        case "html":
        case "markdown":
          return await convertInWorker(this.#docs, format, path, options);
        case "text":
          return await convertText(path, options);
        case "csv":
          return await convertCsv(path, options);
      }
    } catch (err) {
      throw mapFsError(err, path);
    }
  }

  /** Workers a PDF of `size` bytes is split across now. */
  pdfShards(size: number): number {
    return Math.max(1, Math.min(this.slots.allowed, Math.floor(size / this.#minBytesPerPdfShard)));
  }

  /** PDF worker threads started and not yet stopped (tests). */
  get pdfWorkers(): number {
    return this.#pdf.size;
  }

  /** Some pages of a PDF (the source viewer), in one worker. */
  parsePdf(path: string, options: Omit<ParsePdfOptions, "shards"> = {}): Promise<ParsedPdf> {
    return parsePdf(this.#pdf, path, options);
  }

  /** OCR of some pages of a PDF (the source viewer), one tesseract worker per slot allowed now. */
  async ocrPdfPages(path: string, pages: number[], options: { signal?: AbortSignal; onPage?: (result: OcrPageResult) => void } = {}): Promise<Map<number, OcrPageResult>> {
    return (await this.#ocr.run(path, pages, { ...options, workers: this.slots.allowed })).results;
  }

  /** Whether the OCR child process is running (tests: it stays warm between documents). */
  get ocrRunning(): boolean {
    return this.#ocr.running;
  }

  /** Stops every converter worker and the OCR child now (engine shutdown); idle ones also stop themselves after 30 s. */
  async dispose(): Promise<void> {
    await Promise.all([this.#pdf.dispose(), this.#docs.dispose(), this.#ocr.dispose()]);
  }
}
