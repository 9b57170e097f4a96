// What the source viewer may read: only documents that are in the index, looked up by id (never a
// path from the caller), and only while their file is still the one that was indexed. Recent pages
// are kept (keyed by content hash) so paging back and forth does not re-parse.
import { readFile } from "node:fs/promises";
import type { SourceFile, SourcePage } from "../../contract/rag.ts";
import { EngineError } from "../../contract/errors.ts";
import { sniffFile, type Converters, type DocumentFormat } from "../convert/index.ts";
import type { DocumentRecord } from "../index/index.ts";
import { readPageText, type PageText } from "./page-text.ts";
import { FileVerifier } from "./verify.ts";

/** Base64 over IPC / WebSocket grows by a third: above this the viewer shows the page text instead. */
export const MAX_SOURCE_FILE_BYTES = 32 * 1024 * 1024;
const CACHED_PAGES = 32;

export interface SourceReaderDeps {
  lookup(documentId: string): Promise<{ record: DocumentRecord; format: string | null } | undefined>;
  /** Whether a page without a text layer is OCR'd (the engine's `ocr` setting, as at ingestion). */
  ocr(): boolean;
  /** The converter workers (RagService's). */
  converters: Converters;
  maxFileBytes?: number;
}

export class SourceReader {
  readonly #deps: SourceReaderDeps;
  readonly #verifier = new FileVerifier();
  readonly #pages = new Map<string, PageText>();

  constructor(deps: SourceReaderDeps) {
    this.#deps = deps;
  }

  async page(documentId: string, page: number, signal?: AbortSignal): Promise<SourcePage> {
    const { record, format } = await this.#find(documentId);
    const file = await this.#verifier.verify(record, signal);
    const resolved = await this.#format(file.path, format);
    const key = `${record.id}\u0000${record.sha256}\u0000${page}`;
    let text = this.#pages.get(key);
    if (text) this.#pages.delete(key); // re-inserted below: most recent last
    else text = await readPageText(file.path, resolved, page, { ocr: this.#deps.ocr(), converters: this.#deps.converters, ...(signal && { signal }) });
    this.#pages.set(key, text);
    while (this.#pages.size > CACHED_PAGES) this.#pages.delete(this.#pages.keys().next().value!);
    return { documentId: record.id, path: record.path, name: file.name, format: resolved, page, ...text };
  }

  async file(documentId: string, signal?: AbortSignal): Promise<SourceFile> {
    const { record, format } = await this.#find(documentId);
    const file = await this.#verifier.verify(record, signal);
    const resolved = await this.#format(file.path, format);
    if (resolved !== "pdf") {
      throw new EngineError("INVALID_INPUT", `${file.name} is not a PDF (${resolved}); read it page by page with rag.sourcePage.`, { reason: "not-pdf", format: resolved });
    }
    const limit = this.#deps.maxFileBytes ?? MAX_SOURCE_FILE_BYTES;
    if (file.size > limit) {
      throw new EngineError("INVALID_INPUT", `${file.name} is too large to show as a PDF (${mb(file.size)} MB; the limit is ${mb(limit)} MB); its page text is shown instead.`, {
        reason: "too-large",
        sizeBytes: file.size,
        limitBytes: limit,
      });
    }
    const data = await readFile(file.path, signal ? { signal } : {});
    return { documentId: record.id, name: file.name, mime: "application/pdf", sizeBytes: data.length, dataBase64: data.toString("base64") };
  }

  async #find(documentId: string): Promise<{ record: DocumentRecord; format: string | null }> {
    const found = await this.#deps.lookup(documentId);
    if (!found) throw new EngineError("NOT_FOUND", `No indexed document has the id ${documentId}.`, { reason: "not-indexed", documentId });
    return found;
  }

  /** The format recorded at ingestion; sniffed again when that record was lost (display data only). */
  async #format(path: string, recorded: string | null): Promise<DocumentFormat> {
    if (recorded && FORMATS.has(recorded)) return recorded as DocumentFormat;
    const sniffed = await sniffFile(path);
    if (!sniffed.supported) throw new EngineError("INVALID_INPUT", sniffed.reason, { reason: "unsupported-format" });
    return sniffed.format;
  }
}

const FORMATS: ReadonlySet<string> = new Set<DocumentFormat>(["pdf", "docx", "html", "markdown", "text", "csv"]);

function mb(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}
