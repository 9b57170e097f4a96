// Worker thread: converts HTML, DOCX and Markdown files, so the engine's event loop never waits on
// linkedom, Readability or mammoth (a 5 MB HTML page blocked it for over 2 s, a 5 MB DOCX for over
// 13 s). A WorkerPool (worker-pool.ts) owns it. In: ConvertWorkerJob; out: `{job} & ConvertWorkerEvent`.
import { parentPort } from "node:worker_threads";
import { EngineError, type ErrorCode } from "../../contract/errors.ts";
import { convertDocx } from "./docx.ts";
import { convertHtml } from "./html.ts";
import { convertMarkdown } from "./markdown.ts";
import { packDocument, type PackedDocument } from "./packed-document.ts";
import { Mutex } from "../../util/mutex.ts";

const CONVERTERS = { html: convertHtml, docx: convertDocx, markdown: convertMarkdown };

export type ConvertWorkerFormat = keyof typeof CONVERTERS;

export interface ConvertWorkerJob {
  job: number;
  format: ConvertWorkerFormat;
  path: string;
}

export type ConvertWorkerEvent =
  | { type: "done"; document: PackedDocument }
  /** `errno` keeps a file-system failure's code (EACCES, ENOENT…) for the caller to map. */
  | { type: "error"; code: ErrorCode; message: string; details?: Record<string, unknown>; errno?: string };

function failure(err: unknown): ConvertWorkerEvent {
  if (err instanceof EngineError) return { type: "error", ...err.toWire() };
  const errno = (err as NodeJS.ErrnoException)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return { type: "error", code: "INTERNAL", message, ...(typeof errno === "string" && { errno }) };
}

// Jobs run strictly one after another, in the order they came. No wait is cancelled here: the pool
// cancels a job by ending this worker.
const jobs = new Mutex();
parentPort!.on("message", ({ job, format, path }: ConvertWorkerJob) => {
  void jobs.run(async () => {
    try {
      const { packed, transfer } = packDocument(await CONVERTERS[format](path));
      parentPort!.postMessage({ job, type: "done", document: packed } satisfies { job: number } & ConvertWorkerEvent, transfer);
    } catch (err) {
      parentPort!.postMessage({ job, ...failure(err) });
    }
  });
});
