// pdf.js for the browser, loaded only when a PDF is first shown (it is large). The worker is a file
// of our own bundle (Vite's `?url`), never a CDN, so it runs under `worker-src 'self' blob:`; eval is
// off for `script-src` without 'unsafe-eval'.
import * as pdfjs from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { pdfjsAssetUrls } from "./pdfjs-assets.ts";

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export function openPdfDocument(data: Uint8Array): pdfjs.PDFDocumentLoadingTask {
  // pdf.js transfers the buffer to its worker: give it a copy so the store's bytes stay usable.
  // The data files (decoders, fonts, CMaps) are served beside the bundle: without them JBIG2 and JPX
  // images, ICC colour, CJK text and unembedded standard fonts draw blank or in a substitute font.
  // System fonts off: an unembedded Helvetica is drawn from the shipped font, with the metrics the
  // text layer (and the passage highlight) is laid out with, whatever fonts this machine has.
  return pdfjs.getDocument({ data: data.slice(), isEvalSupported: false, useSystemFonts: false, cMapPacked: true, ...pdfjsAssetUrls(document.baseURI) });
}

export const TextLayer = pdfjs.TextLayer;
export type { PDFDocumentProxy } from "pdfjs-dist";
