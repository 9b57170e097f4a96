// Owns the PDF worker thread: one worker, reused across documents, one job at a time (a FIFO
// lock). An abort terminates the worker — pdf.js cannot be interrupted mid-page — and the next job
// starts a fresh one. Idle, the worker is unref'd so it never keeps the process alive, and it is
// shut down after IDLE_MS.
import type { Worker } from "node:worker_threads";
import { EngineError } from "../../contract/errors.ts";
import { Mutex } from "../../util/mutex.ts";
import { abortError } from "./errors.ts";
import type { PdfWorkerEvent, PdfWorkerJob, PdfWorkerMessage } from "./pdf-worker.ts";
import { startWorker } from "./run-module.ts";

const IDLE_MS = 30_000;

/** Handles one event of the running job: return a value to finish, throw to fail. */
type EventHandler<T> = (event: PdfWorkerEvent) => T | undefined;

class PdfWorkerHost {
  #worker: Worker | null = null;
  #lock = new Mutex();
  #nextJob = 1;
  #idleTimer: NodeJS.Timeout | null = null;

  run<T>(path: string, signal: AbortSignal | undefined, handle: EventHandler<T>, pages?: number[]): Promise<T> {
    return this.#lock.run(() => this.#runNow(path, signal, handle, pages));
  }

  /** Stops the worker now (tests, engine shutdown). */
  async dispose(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #runNow<T>(path: string, signal: AbortSignal | undefined, handle: EventHandler<T>, pages?: number[]): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    const worker = (this.#worker ??= startWorker("pdf-worker", undefined));
    worker.ref();
    const job = this.#nextJob++;
    return new Promise<T>((resolve, reject) => {
      const finish = (outcome: { value: T } | { error: unknown }, killWorker = false) => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        signal?.removeEventListener("abort", onAbort);
        if (killWorker || this.#worker !== worker) {
          if (this.#worker === worker) this.#worker = null;
          void worker.terminate();
        } else {
          worker.unref();
          this.#idleTimer = setTimeout(() => void this.dispose(), IDLE_MS).unref();
        }
        if ("value" in outcome) resolve(outcome.value);
        else reject(outcome.error);
      };
      const onMessage = (message: PdfWorkerMessage) => {
        if (message.job !== job) return;
        try {
          const value = handle(message);
          if (value !== undefined) finish({ value });
        } catch (error) {
          finish({ error });
        }
      };
      const crashed = (why: string, cause?: unknown) =>
        new EngineError("INTERNAL", `The PDF reader stopped unexpectedly (${why}).`, { reason: "worker-crashed" }, cause ? { cause } : undefined);
      const onError = (err: Error) => finish({ error: crashed(err.message, err) }, true);
      const onExit = (code: number) => finish({ error: crashed(`exit ${code}`) }, true);
      const onAbort = () => finish({ error: abortError() }, true);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      signal?.addEventListener("abort", onAbort, { once: true });
      worker.postMessage({ job, path, ...(pages && { pages }) } satisfies PdfWorkerJob);
    });
  }
}

export const pdfHost = new PdfWorkerHost();
