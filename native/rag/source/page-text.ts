// Reads one page's text again with the converters ingestion used, so the viewer shows the text the
// index holds. PDFs: only the wanted page is parsed, in the PDF worker thread (never on the engine's
// event loop), and a page without a text layer is OCR'd in the OCR child process when OCR is on.
// Other formats are converted whole (they are size-capped at ingestion) and the page picked.
import { EngineError } from "../../contract/errors.ts";
import type { Converters, DocumentFormat } from "../convert/index.ts";
import { ocrTextToDrafts } from "../convert/ocr.ts";
import { PageBuilder } from "../convert/page-builder.ts";
import { MIN_TEXT_CHARS } from "../convert/pdf.ts";

export interface PageText {
  pageCount: number;
  text: string;
  ocr: boolean;
}

export interface PageTextOptions {
  converters: Converters;
  signal?: AbortSignal;
  ocr: boolean;
}

export async function readPageText(path: string, format: DocumentFormat, page: number, options: PageTextOptions): Promise<PageText> {
  if (format === "pdf") return readPdfPage(path, page, options);
  const doc = await options.converters.convertFile(path, { ocr: false, ...(options.signal && { signal: options.signal }) });
  const found = doc.pages[page - 1];
  if (!found) throw outOfRange(page, doc.pages.length);
  return { pageCount: doc.pages.length, text: found.text, ocr: false };
}

async function readPdfPage(path: string, page: number, options: PageTextOptions): Promise<PageText> {
  const { pageCount, pages } = await options.converters.parsePdf(path, { pages: [page], signal: options.signal });
  if (page > pageCount) throw outOfRange(page, pageCount);
  const read = pages.get(page);
  if (!read || "error" in read) {
    throw new EngineError("INVALID_INPUT", `Page ${page} could not be read${read ? `: ${read.error}` : ""}.`, { reason: "page-unreadable" });
  }
  let drafts = read.drafts;
  let ocr = false;
  if (read.chars < MIN_TEXT_CHARS && options.ocr) {
    const result = (await options.converters.ocrPdfPages(path, [page], options.signal ? { signal: options.signal } : {})).get(page);
    if (result?.ok) {
      drafts = ocrTextToDrafts(result.text);
      ocr = true;
    }
  }
  return { pageCount, text: new PageBuilder(page).addAll(drafts).page(ocr).text, ocr };
}

function outOfRange(page: number, pageCount: number): EngineError {
  return new EngineError("INVALID_INPUT", `Page ${page} does not exist: the document has ${pageCount} page${pageCount === 1 ? "" : "s"}.`, {
    reason: "page-out-of-range",
    pageCount,
  });
}
