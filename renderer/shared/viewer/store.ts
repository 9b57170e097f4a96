// The source viewer's state: which cited passage is shown, at which page and zoom, and what was
// loaded for it — a PDF's bytes for pdf.js, or one page's text for every other format (and for
// PDFs too large to send, or when the PDF cannot be read). One viewer for the whole app, opened by
// the citation chips. Responses that arrive after the user moved on are dropped.
import { create } from "zustand";
import type { Citation } from "../../../native/contract/citations.ts";
import type { SourcePage } from "../../../native/contract/rag.ts";
import { api } from "../../services/api.ts";
import { errorCode, errorMessage } from "../errors.ts";

export interface ViewerTarget {
  documentId: string;
  file: string;
  /** The cited page, and the last page the passage runs onto. */
  page: number;
  pageEnd: number;
  passage: string;
  n?: number;
  verified?: boolean;
}

export type ViewerMode = "pdf" | "text";

export interface ViewerState {
  open: boolean;
  target: ViewerTarget | null;
  page: number;
  pageCount: number | null;
  mode: ViewerMode | null;
  pdfData: Uint8Array | null;
  text: SourcePage | null;
  loading: boolean;
  error: string | null;
  /** Why the page text is shown instead of the PDF, when it is. */
  notice: string | null;
  zoom: number;
}

export const ZOOM_MIN = 0.5;
export const ZOOM_MAX = 3;
const ZOOM_STEP = 0.25;

export const initialViewerState = (): ViewerState => ({
  open: false,
  target: null,
  page: 1,
  pageCount: null,
  mode: null,
  pdfData: null,
  text: null,
  loading: false,
  error: null,
  notice: null,
  zoom: 1,
});

export const useViewerStore = create<ViewerState>(initialViewerState);

const set = (partial: Partial<ViewerState>) => useViewerStore.setState(partial);
const get = () => useViewerStore.getState();

/** Bumped on every open and page load; a response for an older one is ignored. */
let generation = 0;

export function openCitation(citation: Citation): Promise<void> {
  return openSource({
    documentId: citation.documentId,
    file: citation.file,
    page: citation.page,
    pageEnd: Math.max(citation.page, citation.pageEnd),
    passage: citation.text,
    n: citation.n,
    verified: citation.verified,
  });
}

export async function openSource(target: ViewerTarget): Promise<void> {
  const mine = ++generation;
  set({ ...initialViewerState(), zoom: get().zoom, open: true, target, page: target.page, loading: true });
  if (/\.pdf$/i.test(target.file)) {
    try {
      const file = await api().invoke("rag.sourceFile", { documentId: target.documentId });
      if (mine !== generation) return;
      set({ mode: "pdf", pdfData: decodeBase64(file.dataBase64), loading: false });
      return;
    } catch (err) {
      if (mine !== generation) return;
      // A changed or missing file cannot be shown at all; a PDF that is too large (or unreadable by
      // the viewer) still has its page text.
      if (errorCode(err) === "NOT_FOUND") return set({ loading: false, error: errorMessage(err) });
      if (errorReason(err) !== "not-pdf") set({ notice: errorMessage(err) });
    }
  }
  set({ mode: "text" });
  await loadText(target.page, mine);
}

async function loadText(page: number, mine: number): Promise<void> {
  const target = get().target;
  if (!target) return;
  set({ loading: true, error: null, page });
  try {
    const text = await api().invoke("rag.sourcePage", { documentId: target.documentId, page });
    if (mine !== generation) return;
    set({ text, pageCount: text.pageCount, loading: false });
  } catch (err) {
    if (mine !== generation) return;
    set({ loading: false, error: errorMessage(err), text: null });
  }
}

export async function goToPage(page: number): Promise<void> {
  const { mode, pageCount, page: current, open } = get();
  if (!open) return;
  const next = Math.max(1, pageCount === null ? page : Math.min(pageCount, page));
  if (next === current) return;
  if (mode === "text") return loadText(next, ++generation);
  set({ page: next });
}

export const nextPage = () => goToPage(get().page + 1);
export const prevPage = () => goToPage(get().page - 1);

/** pdf.js reports the page count once it has opened the document. */
export function setPageCount(pageCount: number): void {
  const page = Math.min(get().page, pageCount);
  set({ pageCount, page });
}

/** pdf.js could not render the bytes: fall back to the engine's page text. */
export async function fallBackToText(reason: string): Promise<void> {
  if (get().mode !== "pdf") return;
  set({ mode: "text", pdfData: null, notice: `The PDF could not be displayed (${reason}); showing the page text instead.` });
  await loadText(get().page, ++generation);
}

/** The user's choice between the drawn PDF page and the text the index holds for it (a scanned
 *  page has no text layer to highlight in, but its OCR text does). */
export async function showPageText(): Promise<void> {
  if (get().mode !== "pdf") return;
  set({ mode: "text", notice: null });
  await loadText(get().page, ++generation);
}

export function showPdfPage(): void {
  if (get().pdfData) set({ mode: "pdf", text: null, error: null });
}

export function setZoom(zoom: number): void {
  set({ zoom: Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(zoom * 100) / 100)) });
}
export const zoomIn = () => setZoom(get().zoom + ZOOM_STEP);
export const zoomOut = () => setZoom(get().zoom - ZOOM_STEP);

export function closeViewer(): void {
  generation++;
  set({ ...initialViewerState(), zoom: get().zoom });
}

/** Whether the shown page is one the cited passage is on (only those get a highlight). */
export function pageHasPassage(state: Pick<ViewerState, "target" | "page">): boolean {
  return state.target !== null && state.page >= state.target.page && state.page <= state.target.pageEnd;
}

function errorReason(err: unknown): string | null {
  const details = err && typeof err === "object" && "details" in err ? (err as { details?: { reason?: unknown } }).details : undefined;
  return typeof details?.reason === "string" ? details.reason : null;
}

function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
