// Converts one file into a ConvertedDocument: stat, sniff the format from its bytes, dispatch to
// the converter for that format. Errors are EngineErrors: INVALID_INPUT with `details.reason` for
// files Enclave cannot read, PERMISSION_DENIED / NOT_FOUND for files it cannot open, ABORTED.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { EngineError } from "../../contract/errors.ts";
import { convertCsv } from "./csv.ts";
import { convertInWorker, disposeConvertWorker } from "./convert-host.ts";
import { convertError, throwIfAborted } from "./errors.ts";
import { convertPdf } from "./pdf.ts";
import { pdfHost } from "./pdf-host.ts";
import { sniffFile } from "./sniff.ts";
import { convertText } from "./text.ts";
import type { ConvertOptions, ConvertedDocument, DocumentFormat } from "./types.ts";

export type * from "./types.ts";
export type { ConvertFailure } from "./errors.ts";
export { sniffFile, type SniffResult } from "./sniff.ts";

// Parsing HTML, DOCX and Markdown is synchronous work that grows with the file: it runs in a worker
// thread (as PDF parsing does) so the engine keeps answering while a large one is read.
const CONVERTERS: Record<DocumentFormat, (path: string, options: ConvertOptions) => Promise<ConvertedDocument>> = {
  pdf: convertPdf,
  docx: convertInWorker("docx"),
  html: convertInWorker("html"),
  markdown: convertInWorker("markdown"),
  text: convertText,
  csv: convertCsv,
};

export async function convertFile(path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  throwIfAborted(options.signal);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new EngineError("INVALID_INPUT", `${path} is not a file.`, { reason: "not-a-file" });
    await access(path, constants.R_OK);
    if (info.size === 0) throw convertError("empty-file", "This file is empty (0 bytes).");
    const sniffed = await sniffFile(path);
    if (!sniffed.supported) throw convertError("unsupported-format", sniffed.reason, { kind: sniffed.kind });
    return await CONVERTERS[sniffed.format](path, options);
  } catch (err) {
    throw mapFsError(err, path);
  }
}

function mapFsError(err: unknown, path: string): unknown {
  if (err instanceof EngineError) return err;
  const errno = (err as NodeJS.ErrnoException)?.code;
  if (errno === "EACCES" || errno === "EPERM") return new EngineError("PERMISSION_DENIED", `Enclave is not allowed to read ${path}.`, undefined, { cause: err });
  if (errno === "ENOENT") return new EngineError("NOT_FOUND", `${path} does not exist.`, undefined, { cause: err });
  if (errno === "EISDIR") return new EngineError("INVALID_INPUT", `${path} is a folder, not a file.`, { reason: "not-a-file" });
  return err;
}

/** Stops the converter worker threads (they also stop themselves after 30 s idle and never hold the
 *  process open). */
export async function disposeConverters(): Promise<void> {
  await Promise.all([pdfHost.dispose(), disposeConvertWorker()]);
}
