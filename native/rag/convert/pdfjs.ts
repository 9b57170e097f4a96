// Opens a PDF with pdf.js (the legacy build: the modern one needs DOMMatrix, absent in Node) and
// classifies its failures. Used inside the PDF worker thread and the OCR child process only —
// never on the engine's main thread, where parsing would stall the event loop.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve("pdfjs-dist/package.json"));

export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    data,
    standardFontDataUrl: join(pdfjsRoot, "standard_fonts") + "/",
    cMapUrl: join(pdfjsRoot, "cmaps") + "/",
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

export interface PdfFailure {
  reason: "pdf-password" | "pdf-corrupt";
  message: string;
  /** PasswordException code: 1 = a password is needed, 2 = the given one is wrong. */
  passwordCode?: number;
}

export function classifyPdfError(err: unknown): PdfFailure {
  const e = err as { name?: string; message?: string; code?: number };
  if (e?.name === "PasswordException") {
    return {
      reason: "pdf-password",
      message: "This PDF needs a password to open. Remove the password (or save an unprotected copy) and add it again.",
      passwordCode: e.code,
    };
  }
  const detail = e?.message ? ` (${e.message})` : "";
  return { reason: "pdf-corrupt", message: `This PDF is damaged or incomplete and cannot be read${detail}.` };
}
