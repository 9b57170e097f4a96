// What the chunker reads (the converters' shape, re-exported so chunk/ has one import) and writes.
export type { Block, BlockKind, Page } from "../convert/types.ts";

/** Counts tokens the way the embedding model will: production passes the model's tokenizer. */
export type CountTokens = (text: string) => number;

export interface ChunkOptions {
  countTokens: CountTokens;
  /** Upper bound on a chunk's tokens (its text as a whole, counted by `countTokens`). */
  maxTokens: number;
  /** Tokens of the previous chunk repeated at the start of the next when a section is split. */
  overlapTokens: number;
  /**
   * Close the chunk at every page break (no overlap across it), so each passage lies on one page
   * and is cited by the page that holds it. Ingestion sets it (see CHUNKER_VERSION).
   */
  pageBounded?: boolean;
}

/**
 * What the stored chunks were cut with; a document indexed with an older version is re-indexed at
 * the next ingest of its collection. 1: chunks could span pages (cited by their first page).
 * 2: page-bounded chunks. 3: running headers / footers left out, search text with context.
 */
export const CHUNKER_VERSION = 3;

export interface Chunk {
  /** 0-based position in the document. */
  index: number;
  text: string;
  tokens: number;
  /** 1-based pages of the first and last character. */
  pageStart: number;
  pageEnd: number;
  /** Offset of the first character in page `pageStart`'s text; end (exclusive) in page `pageEnd`'s. */
  charStart: number;
  charEnd: number;
  /** The headings above the chunk's first content, outermost first, e.g. ["Contract", "Termination"]. */
  headingPath: string[];
  /** What the full-text index reads (search-text.ts); the text itself when absent. */
  searchText?: string;
}
