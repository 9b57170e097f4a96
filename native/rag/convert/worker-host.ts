// Owns one worker thread that runs a converter module's jobs: reused across documents, one job at a
// time (a FIFO lock). An abort terminates the worker — pdf.js, linkedom and mammoth cannot be
// interrupted mid-document — and the next job starts a fresh one. Idle, the worker is unref'd so it
// never keeps the process alive, and it is shut down after IDLE_MS.
// Protocol: the host posts `{job, ...payload}`; the worker answers with `{job, ...event}` messages.
import type { Worker } from "node:worker_threads";
import { EngineError } from "../../contract/errors.ts";
import { Mutex } from "../../util/mutex.ts";
import { abortError } from "./errors.ts";
import { startWorker } from "./run-module.ts";

const IDLE_MS = 30_000;

/** Handles one event of the running job: return a value to finish, throw to fail. */
export type EventHandler<Event, T> = (event: Event) => T | undefined;

export class WorkerHost<Payload extends object, Event extends object> {
  #worker: Worker | null = null;
  #lock = new Mutex();
  #nextJob = 1;
  #idleTimer: NodeJS.Timeout | null = null;

  /** `module`: the sibling worker module; `reader`: what the user is told stopped ("The PDF reader"). */
  constructor(
    private readonly module: string,
    private readonly reader: string,
  ) {}

  run<T>(payload: Payload, signal: AbortSignal | undefined, handle: EventHandler<Event, T>): Promise<T> {
    return this.#lock.run(() => this.#runNow(payload, signal, handle));
  }

  /** Stops the worker now (tests, engine shutdown). */
  async dispose(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #runNow<T>(payload: Payload, signal: AbortSignal | undefined, handle: EventHandler<Event, T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    const worker = (this.#worker ??= startWorker(this.module, undefined));
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
      const onMessage = (message: { job: number } & Event) => {
        if (message.job !== job) return;
        try {
          const value = handle(message);
          if (value !== undefined) finish({ value });
        } catch (error) {
          finish({ error });
        }
      };
      const crashed = (why: string, cause?: unknown) =>
        new EngineError("INTERNAL", `${this.reader} stopped unexpectedly (${why}).`, { reason: "worker-crashed" }, cause ? { cause } : undefined);
      const onError = (err: Error) => finish({ error: crashed(err.message, err) }, true);
      const onExit = (code: number) => finish({ error: crashed(`exit ${code}`) }, true);
      const onAbort = () => finish({ error: abortError() }, true);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      signal?.addEventListener("abort", onAbort, { once: true });
      worker.postMessage({ job, ...payload });
    });
  }
}
