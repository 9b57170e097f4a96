// Folds the engine's ingest `progress` events into what the progress panel shows: one row per file
// in the order files started, the overall fraction, files done and the ETA. Pure, so it is tested
// without a store or a DOM.
import type { ProgressEvent } from "../../../native/contract/events.ts";

export type FileProgress = NonNullable<ProgressEvent["file"]>;
export type FilePhase = FileProgress["phase"];

export interface IngestRun {
  requestId: string;
  collection: string;
  /** Files by path, in the order the engine started them. */
  files: FileProgress[];
  fraction: number | null;
  filesDone: number;
  filesTotal: number | null;
  etaMs: number | null;
  /** The user asked to cancel; the engine stops after the current step. */
  cancelling: boolean;
}

export function startRun(requestId: string, collection: string): IngestRun {
  return { requestId, collection, files: [], fraction: null, filesDone: 0, filesTotal: null, etaMs: null, cancelling: false };
}

/** The run after one progress event; events of other calls or tasks leave it unchanged. */
export function applyProgress(run: IngestRun, event: ProgressEvent): IngestRun {
  if (event.requestId !== run.requestId || event.task !== "ingest") return run;
  const next: IngestRun = {
    ...run,
    fraction: event.fraction,
    filesDone: event.current ?? run.filesDone,
    filesTotal: event.total ?? run.filesTotal,
    etaMs: event.etaMs ?? null,
  };
  const file = event.file;
  if (file) {
    const at = run.files.findIndex((f) => f.path === file.path);
    next.files = at === -1 ? [...run.files, file] : run.files.map((f, i) => (i === at ? { ...f, ...file } : f));
  }
  return next;
}

const FINISHED: ReadonlySet<FilePhase> = new Set(["done", "failed", "skipped"]);

/** The rows worth drawing for a large import: files still in progress first, then the most recently
 *  finished ones, at most `limit` in all; `hidden` counts the finished files left out. */
export function visibleFiles(run: IngestRun, limit = 100): { files: FileProgress[]; hidden: number } {
  const active = run.files.filter((f) => !FINISHED.has(f.phase));
  const finished = run.files.filter((f) => FINISHED.has(f.phase));
  const shownFinished = finished.slice(Math.max(0, finished.length - Math.max(0, limit - active.length))).reverse();
  const files = [...active, ...shownFinished].slice(0, limit);
  return { files, hidden: run.files.length - files.length };
}

const PHASE_LABEL: Record<FilePhase, string> = {
  queued: "Waiting",
  hashing: "Checking for changes",
  parsing: "Reading",
  ocr: "Recognising text (OCR)",
  chunking: "Splitting into passages",
  embedding: "Embedding",
  writing: "Saving to the index",
  done: "Done",
  failed: "Failed",
  skipped: "Unchanged, skipped",
};

/** One line under a file's bar: its phase and whatever counts the engine gave. */
export function describeFile(file: FileProgress): string {
  const parts = [PHASE_LABEL[file.phase]];
  if (file.pagesTotal) parts.push(`page ${file.pagesDone ?? 0} of ${file.pagesTotal}`);
  if (file.ocrPages) parts.push(`${file.ocrPages} OCR ${file.ocrPages === 1 ? "page" : "pages"}`);
  if (file.chunksTotal) parts.push(`${file.chunksEmbedded ?? 0} of ${file.chunksTotal} passages embedded`);
  return parts.join(" · ");
}

export function formatEta(ms: number | null): string | null {
  if (ms === null) return null;
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `about ${s} s left`;
  const m = Math.round(s / 60);
  return m < 60 ? `about ${m} min left` : `about ${Math.floor(m / 60)} h ${m % 60} min left`;
}
