// The one shape every document converter returns. The chunker keeps blocks together, so block
// offsets are exact: `pages[block.page - 1].text.slice(block.start, block.end) === block.text`.

export type DocumentFormat = "pdf" | "docx" | "html" | "markdown" | "text" | "csv";

export type BlockKind = "heading" | "paragraph" | "list-item" | "table-row" | "code";

export interface Block {
  kind: BlockKind;
  text: string;
  /** Heading level 1–6 (headings only). */
  level?: number;
  /** 1-based page number; 1 for formats without pages. */
  page: number;
  /** Character offsets into that page's text. */
  start: number;
  end: number;
}

export interface Page {
  /** 1-based, exact (the PDF page index + 1). */
  number: number;
  text: string;
  /** True when the text came from OCR of a rendered page rather than a text layer. */
  ocr: boolean;
}

export interface ConvertedDocument {
  format: DocumentFormat;
  pages: Page[];
  blocks: Block[];
  title?: string;
  /** Things the user may want to know (a page skipped, text truncated, OCR off, …). */
  warnings: string[];
}

export interface ConvertProgress {
  /** Pages (or, for streamed text, bytes) done so far and in all. */
  done: number;
  total: number;
  unit: "page" | "byte";
  /** PDF only: what happened to the page just finished. */
  page?: { number: number; ocr: boolean; chars: number };
}

export interface ConvertOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ConvertProgress) => void;
  /** OCR pages that have no text layer (PDF). Default true. */
  ocr?: boolean;
}

/** A block before it has a place in a page: what each format's parser produces. */
export interface BlockDraft {
  kind: BlockKind;
  text: string;
  level?: number;
}
