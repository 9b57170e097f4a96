// Progress of one ingest run: an overall fraction (files done plus the current file's share), an
// ETA, and per-file detail. Reports are throttled per file, except phase changes, which always go.
import type { ProgressEvent } from "../../contract/events.ts";

export type IngestPhase = NonNullable<ProgressEvent["file"]>["phase"];
export type FileProgress = NonNullable<ProgressEvent["file"]>;
export type IngestProgress = Omit<ProgressEvent, "requestId">;

/** Where each phase sits inside one file's 0..1. */
const PHASE_SPAN: Record<IngestPhase, [number, number]> = {
  queued: [0, 0],
  hashing: [0, 0.05],
  parsing: [0.05, 0.5],
  ocr: [0.05, 0.5],
  chunking: [0.5, 0.55],
  embedding: [0.55, 0.95],
  writing: [0.95, 1],
  done: [1, 1],
  failed: [1, 1],
  skipped: [1, 1],
};

export class IngestProgressReporter {
  readonly #total: number;
  readonly #send: (event: IngestProgress) => void;
  readonly #everyMs: number;
  readonly #startedAt = Date.now();
  #filesDone = 0;
  #lastSent = 0;
  #lastPhase: IngestPhase | undefined;
  #file: FileProgress | undefined;

  constructor(total: number, send: (event: IngestProgress) => void, options: { everyMs?: number } = {}) {
    this.#total = total;
    this.#send = send;
    this.#everyMs = options.everyMs ?? 250;
  }

  get filesDone(): number {
    return this.#filesDone;
  }

  /** Reports `path` in `phase`; `within` is 0..1 inside the phase (null when unknown). */
  update(path: string, phase: IngestPhase, within: number | null, detail: Partial<FileProgress> = {}): void {
    const [from, to] = PHASE_SPAN[phase];
    const fraction = within === null ? (from === to ? from : null) : from + (to - from) * Math.min(1, Math.max(0, within));
    const file: FileProgress = { ...(this.#file?.path === path ? this.#file : {}), ...detail, path, phase, fraction };
    this.#file = file;
    const phaseChanged = phase !== this.#lastPhase;
    const now = Date.now();
    if (!phaseChanged && now - this.#lastSent < this.#everyMs) return;
    this.#lastPhase = phase;
    this.#lastSent = now;
    this.#emit(file);
  }

  /** The file is finished (done, failed or skipped): counts towards the overall fraction. */
  finish(path: string, phase: "done" | "failed" | "skipped", detail: Partial<FileProgress> = {}): void {
    this.#filesDone++;
    this.update(path, phase, null, detail);
    this.#file = undefined;
    this.#lastPhase = undefined;
  }

  #emit(file: FileProgress): void {
    const current = this.#filesDone;
    const inFile = file.phase === "done" || file.phase === "failed" || file.phase === "skipped" ? 0 : (file.fraction ?? 0);
    const overall = this.#total === 0 ? 1 : Math.min(1, (current + inFile) / this.#total);
    const elapsed = Date.now() - this.#startedAt;
    const etaMs = overall > 0.02 && overall < 1 ? Math.round((elapsed / overall) * (1 - overall)) : undefined;
    this.#send({
      task: "ingest",
      fraction: overall,
      current,
      total: this.#total,
      ...(etaMs !== undefined ? { etaMs } : {}),
      message: `${file.phase} ${file.path}`,
      file,
    });
  }
}
