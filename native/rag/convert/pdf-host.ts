// Owns the PDF worker thread (see worker-host.ts): one parse at a time, each page posted as it is
// laid out; an abort terminates the worker.
import type { PdfWorkerEvent } from "./pdf-worker.ts";
import { WorkerHost, type EventHandler } from "./worker-host.ts";

const host = new WorkerHost<{ path: string; pages?: number[] }, PdfWorkerEvent>("pdf-worker", "The PDF reader");

export const pdfHost = {
  run<T>(path: string, signal: AbortSignal | undefined, handle: EventHandler<PdfWorkerEvent, T>, pages?: number[]): Promise<T> {
    return host.run({ path, ...(pages && { pages }) }, signal, handle);
  },
  dispose: (): Promise<void> => host.dispose(),
};
