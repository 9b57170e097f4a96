// One PDF page drawn by pdf.js: the canvas, the text layer over it (selectable text, and the spans
// the cited passage is matched against), the passage marked and scrolled into view. The document is
// opened once per file; page and zoom changes re-render only the page.
import { useEffect, useRef, useState } from "react";
import type { PDFDocumentProxy } from "./pdfjs.ts";
import { markPassage } from "./highlight.ts";
import { fallBackToText, setPageCount } from "../../shared/viewer/store.ts";

export interface PdfPageProps {
  data: Uint8Array;
  page: number;
  zoom: number;
  passage: string | null;
}

/** PDF units are 1/72 in; CSS pixels are 1/96 in. Zoom 1 shows the page at its printed size. */
const PDF_TO_CSS = 96 / 72;

export function PdfPage({ data, page, zoom, passage }: PdfPageProps) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "missing">("loading");
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const pageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let task: { destroy(): Promise<void> } | null = null;
    let live = true;
    setDoc(null);
    void (async () => {
      try {
        const { openPdfDocument } = await import("./pdfjs.ts");
        if (!live) return;
        const loading = openPdfDocument(data);
        task = loading;
        const opened = await loading.promise;
        if (!live) return;
        setPageCount(opened.numPages);
        setDoc(opened);
      } catch (err) {
        if (live) void fallBackToText(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [data]);

  useEffect(() => {
    if (!doc || page > doc.numPages) return;
    let live = true;
    const cancels: (() => void)[] = [];
    setStatus("loading");
    void (async () => {
      try {
        const { TextLayer } = await import("./pdfjs.ts");
        const pdfPage = await doc.getPage(page);
        const canvas = canvasRef.current;
        const layer = layerRef.current;
        if (!live || !canvas || !layer) return;
        const viewport = pdfPage.getViewport({ scale: zoom * PDF_TO_CSS });
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        pageRef.current?.style.setProperty("--total-scale-factor", String(viewport.scale));
        const render = pdfPage.render({ canvas, viewport, ...(ratio !== 1 && { transform: [ratio, 0, 0, ratio, 0, 0] }) });
        cancels.push(() => render.cancel());
        layer.replaceChildren();
        const text = new TextLayer({ textContentSource: pdfPage.streamTextContent(), container: layer, viewport });
        cancels.push(() => text.cancel());
        await Promise.all([render.promise, text.render()]);
        if (!live) return;
        const marks = passage ? markPassage(text.textDivs, passage) : [];
        setStatus(passage && marks.length === 0 ? "missing" : "ready");
        marks[0]?.scrollIntoView({ block: "center" });
      } catch (err) {
        // A cancelled render (page turned, zoom changed) is not a failure.
        if (live && !(err instanceof Error && (err.name === "RenderingCancelledException" || err.name === "AbortException"))) void fallBackToText(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      live = false;
      for (const cancel of cancels) cancel();
    };
  }, [doc, page, zoom, passage]);

  return (
    <>
      {status === "missing" && <p className="source-note">The cited passage was not found in this page's text layer (a scanned page has none): “Show page text” shows the text the index holds for it.</p>}
      <div ref={pageRef} className="pdf-page" aria-busy={status === "loading"}>
        <canvas ref={canvasRef} aria-label={`Page ${page}`} role="img" />
        <div ref={layerRef} className="textLayer" />
      </div>
    </>
  );
}
