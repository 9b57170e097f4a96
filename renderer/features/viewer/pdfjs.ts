// pdf.js for the browser, loaded only when a PDF is first shown (it is large). The worker is a file
// of our own bundle (Vite's `?url`), never a CDN, so it runs under `worker-src 'self' blob:`; eval is
// off for `script-src` without 'unsafe-eval'.
import * as pdfjs from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export function openPdfDocument(data: Uint8Array): pdfjs.PDFDocumentLoadingTask {
  // pdf.js transfers the buffer to its worker: give it a copy so the store's bytes stay usable.
  return pdfjs.getDocument({ data: data.slice(), isEvalSupported: false });
}

export const TextLayer = pdfjs.TextLayer;
export type { PDFDocumentProxy } from "pdfjs-dist";
