// HTML, DOCX and Markdown conversion in a converter worker thread (convert-worker.ts, one of a pool), with the
// same contract as the in-process converters: a ConvertedDocument, or the EngineError they threw
// (a file-system error keeps its errno so convertFile maps it as before). An abort stops that worker.
import { EngineError } from "../../contract/errors.ts";
import type { ConvertWorkerEvent, ConvertWorkerFormat } from "./convert-worker.ts";
import { unpackDocument } from "./packed-document.ts";
import type { ConvertOptions, ConvertedDocument } from "./types.ts";
import type { WorkerPool } from "./worker-pool.ts";

export type ConvertPool = WorkerPool<{ format: ConvertWorkerFormat; path: string }, ConvertWorkerEvent>;

export async function convertInWorker(pool: ConvertPool, format: ConvertWorkerFormat, path: string, options: ConvertOptions = {}): Promise<ConvertedDocument> {
  const packed = await pool.run({ format, path }, options.signal, (event) => {
    if (event.type === "done") return event.document;
    if (event.errno) throw Object.assign(new Error(event.message), { code: event.errno });
    throw new EngineError(event.code, event.message, event.details);
  });
  return unpackDocument(packed);
}
