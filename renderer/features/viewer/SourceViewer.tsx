// The source viewer, mounted once at app level and driven by useViewerStore: the cited document
// at the cited page, PDFs drawn by pdf.js and everything else as page text, the passage
// highlighted. A modal dialog: labelled, Esc closes it, Tab stays inside, focus returns on close.
import { useEffect, useRef } from "react";
import { Dialog } from "../../components/Dialog.tsx";
import { pageLabel } from "../../shared/viewer/CitationChips.tsx";
import { fileName } from "../../shared/format.ts";
import { PdfPage } from "./PdfPage.tsx";
import { TextPage } from "./TextPage.tsx";
import { closeViewer, goToPage, nextPage, pageHasPassage, prevPage, showPageText, showPdfPage, useViewerStore, zoomIn, zoomOut, ZOOM_MAX, ZOOM_MIN } from "../../shared/viewer/store.ts";

export function SourceViewer() {
  const state = useViewerStore();
  const { open, target, page, pageCount, mode, pdfData, text, loading, error, notice, zoom } = state;
  const contentRef = useRef<HTMLDivElement>(null);
  // The page itself takes focus on open (arrow keys scroll it); the dialog's own choice may be a
  // disabled button. This runs after the dialog's effect, so it wins.
  useEffect(() => {
    if (open) contentRef.current?.focus();
  }, [open, target]);
  if (!open || !target) return null;
  const passage = pageHasPassage(state) ? target.passage : null;
  const title = `${target.n !== undefined ? `[${target.n}] ` : ""}${fileName(target.file)} · ${pageLabel(target)}`;

  function onKeyDown(e: React.KeyboardEvent) {
    // Page keys turn pages unless the user is typing a page number.
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === "PageDown") void nextPage();
    else if (e.key === "PageUp") void prevPage();
    else return;
    e.preventDefault();
  }

  return (
    <Dialog
      title={title}
      onClose={closeViewer}
      wide
      actions={
        <button type="button" className="btn" onClick={closeViewer}>
          Close
        </button>
      }
    >
      <div className="source-viewer" onKeyDown={onKeyDown}>
        <div className="source-toolbar" role="toolbar" aria-label="Page and zoom">
          <button type="button" className="btn" onClick={() => void prevPage()} disabled={page <= 1 || loading} aria-label="Previous page">
            ‹ Previous
          </button>
          <label className="source-page-input">
            Page{" "}
            <input
              type="number"
              min={1}
              max={pageCount ?? undefined}
              value={page}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1) void goToPage(n);
              }}
            />{" "}
            of {pageCount ?? "…"}
          </label>
          <button type="button" className="btn" onClick={() => void nextPage()} disabled={(pageCount !== null && page >= pageCount) || loading} aria-label="Next page">
            Next ›
          </button>
          <span className="source-toolbar-gap" />
          {pdfData && (
            <button type="button" className="btn" onClick={() => (mode === "pdf" ? void showPageText() : showPdfPage())} disabled={loading}>
              {mode === "pdf" ? "Show page text" : "Show PDF page"}
            </button>
          )}
          <button type="button" className="btn" onClick={zoomOut} disabled={zoom <= ZOOM_MIN} aria-label="Zoom out">
            −
          </button>
          <output aria-label="Zoom">{Math.round(zoom * 100)}%</output>
          <button type="button" className="btn" onClick={zoomIn} disabled={zoom >= ZOOM_MAX} aria-label="Zoom in">
            +
          </button>
        </div>
        {target.verified === false && <p className="source-note warn">A quote the answer attributes to this source was not found in it.</p>}
        {notice && <p className="source-note">{notice}</p>}
        {error && (
          <p className="source-error" role="alert">
            {error}
          </p>
        )}
        <div ref={contentRef} className="source-content" tabIndex={0} role="region" aria-label="Page content" aria-live="polite" aria-busy={loading}>
          {loading && <p className="source-note">Loading page {page}…</p>}
          {!error && mode === "pdf" && pdfData && <PdfPage data={pdfData} page={page} zoom={zoom} passage={passage} />}
          {!error && mode === "text" && text && !loading && <TextPage text={text.text} passage={passage} zoom={zoom} />}
          {!error && mode === "text" && text?.ocr && <p className="source-note">This page's text was recognised by OCR.</p>}
        </div>
      </div>
    </Dialog>
  );
}
