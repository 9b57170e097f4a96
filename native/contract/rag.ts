// Documents, collections, search and grounded answers. A document is identified by its content
// SHA-256; its chunks live in a LanceDB table per embedding model (the embedder's identity is its
// model file's SHA-256), so vectors of two embedders never mix. With no embedding model configured,
// search is full-text only — it still works.
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { Sampling, Message } from "./conversations.ts";
import { Citation } from "./citations.ts";

export { Citation } from "./citations.ts";

const CollectionName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, "letters, digits, spaces, '_', '.', '-'; starting with a letter or digit");

export const DocumentStatus = z.enum(["pending", "ingesting", "ready", "failed"]);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const DocumentInfo = z.object({
  id: z.string(),
  path: z.string(),
  sha256: z.string(),
  sizeBytes: z.number(),
  mtimeMs: z.number(),
  collection: z.string(),
  format: z.string().nullable(),
  status: DocumentStatus,
  error: z.string().nullable(),
  pages: z.number().int(),
  ocrPages: z.number().int(),
  chunks: z.number().int(),
  ingestedAt: z.string().nullable(),
  /** What the converter noticed while reading it (e.g. pages with no text layer, skipped parts). */
  warnings: z.array(z.string()).optional(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const CollectionInfo = z.object({
  name: z.string(),
  documents: z.number().int(),
  failed: z.number().int(),
  chunks: z.number().int(),
  /** The embedder the collection's vectors were built with, or null for full-text only. */
  embedderId: z.string().nullable(),
});
export type CollectionInfo = z.infer<typeof CollectionInfo>;

export const IngestFileResult = z.object({
  path: z.string(),
  /** "renamed": content already indexed under a path that is gone; the document now points here. */
  outcome: z.enum(["added", "updated", "unchanged", "renamed", "removed", "failed", "skipped"]),
  documentId: z.string().nullable(),
  pages: z.number().int(),
  ocrPages: z.number().int(),
  chunks: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  warnings: z.array(z.string()),
  ms: z.number(),
});
export type IngestFileResult = z.infer<typeof IngestFileResult>;

/** How a search ranks: vectors and full text fused, vectors only, or full text only. */
export const SearchMode = z.enum(["hybrid", "vector", "fulltext"]);
export type SearchMode = z.infer<typeof SearchMode>;

export const SearchHit = z.object({
  chunkId: z.string(),
  documentId: z.string(),
  file: z.string(),
  pageStart: z.number().int(),
  pageEnd: z.number().int(),
  /** The page the passage is cited at: the one holding its best match (pageStart when absent). */
  page: z.number().int().optional(),
  charStart: z.number().int(),
  charEnd: z.number().int(),
  headingPath: z.array(z.string()),
  text: z.string(),
  score: z.number(),
  /** Character ranges in `text` that matched the query. */
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A page of an indexed document as the source viewer shows it: the text the index was built from. */
export const SourcePage = z.object({
  documentId: z.string(),
  path: z.string(),
  /** The file's name without its folder. */
  name: z.string(),
  format: z.string().nullable(),
  page: z.number().int(),
  pageCount: z.number().int(),
  text: z.string(),
  /** True when the page has no text layer and its text came from OCR. */
  ocr: z.boolean(),
});
export type SourcePage = z.infer<typeof SourcePage>;

export const SourceFile = z.object({
  documentId: z.string(),
  name: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  dataBase64: z.string(),
});
export type SourceFile = z.infer<typeof SourceFile>;


export const ragMethods = defineMethods({
  "rag.ingest": {
    summary: "Add files and folders to a collection; unchanged files are skipped, changed ones replaced, deleted ones removed.",
    input: z.object({
      paths: z.array(z.string().min(1)).min(1).max(10_000),
      collection: CollectionName,
      ocr: z.boolean().optional(),
    }),
    output: z.object({
      collection: z.string(),
      files: z.array(IngestFileResult),
      cancelled: z.boolean(),
      /** The run made a vector index due: it is being built in the background (engine.notice
       *  VECTOR_INDEX_BUILDING / _READY / _FAILED); searches answer meanwhile, without it. */
      vectorIndexBuilding: z.boolean(),
    }),
  },
  "rag.collections": {
    summary: "Every collection with its document and chunk counts.",
    input: z.object({}),
    output: z.object({ collections: z.array(CollectionInfo) }),
  },
  "rag.documents": {
    summary: "The documents of a collection (or all), with status and error.",
    input: z.object({ collection: CollectionName.optional() }),
    output: z.object({ documents: z.array(DocumentInfo) }),
  },
  "rag.removeDocument": {
    summary: "Remove a document and its chunks from the index (the file is not touched).",
    input: z.object({ documentId: z.string().min(1) }),
    output: z.object({ removed: z.boolean(), chunks: z.number().int() }),
  },
  "rag.deleteCollection": {
    summary: "Remove a collection's documents and chunks from the index (files are not touched).",
    input: z.object({ collection: CollectionName }),
    output: z.object({ documents: z.number().int(), chunks: z.number().int() }),
  },
  "rag.search": {
    summary: "Hybrid (vector + full-text, RRF) search; full-text only when no embedding model is set.",
    input: z.object({
      query: z.string().min(1).max(10_000),
      collection: CollectionName.optional(),
      documentIds: z.array(z.string()).optional(),
      k: z.number().int().min(1).max(100).optional(),
      mode: SearchMode.optional(),
    }),
    output: z.object({ hits: z.array(SearchHit), mode: SearchMode }),
  },
  "rag.ask": {
    summary: "Answer from a collection with numbered, verified citations; streams chat.delta events. Without a loaded model, returns the passages only.",
    input: z.object({
      question: z.string().min(1).max(100_000),
      collection: CollectionName,
      /** Continue (and record the turn in) this conversation; omitted → a new one. */
      conversationId: z.string().optional(),
      /** Answer the conversation's last question (which must be `question`) again, replacing its
       *  answer, instead of adding a turn: regenerate for grounded answers. Needs conversationId. */
      regenerate: z.boolean().optional(),
      k: z.number().int().min(1).max(50).optional(),
      sampling: Sampling.optional(),
      /** A remote model (settings.remoteModels id) answers instead of the loaded one: retrieval stays
       *  local and only the assembled prompt goes to its endpoint (refused offline or by policy). */
      model: z.string().min(1).optional(),
    }),
    output: z.object({
      answer: z.string().nullable(),
      conversationId: z.string().nullable(),
      message: Message.nullable(),
      citations: z.array(Citation),
      /** Every numbered source the answer was given (without a model: the passages, numbered). */
      sources: z.array(Citation),
      hits: z.array(SearchHit),
    }),
  },
  "rag.sourcePage": {
    summary: "One page's text of an indexed document, read again from its file (refused when the file changed since it was indexed).",
    input: z.object({ documentId: z.string().min(1), page: z.number().int().min(1) }),
    output: SourcePage,
  },
  "rag.sourceFile": {
    summary: "An indexed PDF's bytes for the viewer (size-capped; refused when the file changed since it was indexed).",
    input: z.object({ documentId: z.string().min(1) }),
    output: SourceFile,
  },
});
