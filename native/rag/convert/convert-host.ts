// HTML, DOCX and Markdown conversion in the converter worker thread (convert-worker.ts), with the
// same contract as the in-process converters: a ConvertedDocument, or the EngineError they threw
// (a file-system error keeps its errno so convertFile maps it as before). An abort stops the worker.
import { EngineError } from "../../contract/errors.ts";
import type { ConvertWorkerEvent, ConvertWorkerFormat } from "./convert-worker.ts";
import { unpackDocument } from "./packed-document.ts";
import type { ConvertOptions, ConvertedDocument } from "./types.ts";
import { WorkerHost } from "./worker-host.ts";

const host = new WorkerHost<{ format: ConvertWorkerFormat; path: string }, ConvertWorkerEvent>("convert-worker", "The document reader");

export function convertInWorker(format: ConvertWorkerFormat): (path: string, options?: ConvertOptions) => Promise<ConvertedDocument> {
  return async (path, options = {}) => {
    const packed = await host.run({ format, path }, options.signal, (event) => {
      if (event.type === "done") return event.document;
      if (event.errno) throw Object.assign(new Error(event.message), { code: event.errno });
      throw new EngineError(event.code, event.message, event.details);
    });
    return unpackDocument(packed);
  };
}

/** Stops the converter worker now (tests, engine shutdown); it also stops itself when idle. */
export function disposeConvertWorker(): Promise<void> {
  return host.dispose();
}
