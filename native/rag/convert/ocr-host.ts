// Owns the OCR child process (ocr-child.ts) across documents: started at the first OCR request,
// kept with its tesseract.js workers for the next one (starting them again costs a second or two
// of CPU per document), stopped after IDLE_MS without a request or by dispose(). One request runs
// at a time (a FIFO lock): two documents OCR'd at once would only share the same cores. An abort
// kills the child (recognition cannot be interrupted mid-page) and the next request starts a fresh
// one; so does a crash, which fails the request's remaining pages with a warning, never the engine.
import { fork, type ChildProcess } from "node:child_process";
import { EngineError } from "../../contract/errors.ts";
import { Mutex } from "../../util/mutex.ts";
import { abortError } from "./errors.ts";
import type { OcrPageResult } from "./ocr.ts";
import type { OcrChildMessage, OcrRequest } from "./ocr-child.ts";
import { siblingModule } from "./run-module.ts";

/** A warm child holds ~0.3–0.6 GB (pdf.js, two tesseract workers): give it back soon when unused. */
const IDLE_MS = 30_000;

export interface OcrRunOptions {
  signal?: AbortSignal;
  onPage?: (result: OcrPageResult) => void;
  /** tesseract.js workers; default 1. */
  workers?: number;
  /** pdf.js render scale; default the child's OCR_RENDER_SCALE. */
  scale?: number;
}

export interface OcrRun {
  results: Map<number, OcrPageResult>;
  /** The child's CPU time for this request (every thread), when it reported it (not after a crash). */
  childCpuMs?: number;
  /** The child's resident memory at the end of the request. */
  childRssBytes?: number;
  /** The child and its workers were already running (no start-up in this request). */
  warm?: boolean;
}

interface Child {
  proc: ChildProcess;
  stderr: string;
}

export class OcrHost {
  #child: Child | null = null;
  readonly #lock = new Mutex();
  #nextId = 1;
  #idleTimer: NodeJS.Timeout | null = null;
  #disposed = false;

  constructor(private readonly idleMs: number = IDLE_MS) {}

  /** OCRs `pages` of the PDF at `path`: every page gets a result (a failure is a result, not a throw); an abort throws ABORTED. */
  run(path: string, pages: number[], options: OcrRunOptions = {}): Promise<OcrRun> {
    if (pages.length === 0) return Promise.resolve({ results: new Map() });
    return this.#lock.run(() => this.#runNow(path, pages, options), { signal: options.signal, reason: () => abortError() });
  }

  /** Whether the child process is running now (tests). */
  get running(): boolean {
    return this.#child !== null;
  }

  /** Stops the child now (engine shutdown); later requests are refused. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#stop();
    await this.#lock.drained();
  }

  #start(): Child {
    const module = siblingModule("ocr-child");
    const proc = fork(module.path, [], { execArgv: module.execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
    const child: Child = { proc, stderr: "" };
    proc.stderr?.on("data", (chunk: Buffer) => (child.stderr = (child.stderr + chunk.toString()).slice(-2000)));
    // An idle child that dies (killed from outside) is simply started again at the next request.
    proc.on("exit", () => {
      if (this.#child === child) this.#child = null;
    });
    proc.on("error", () => undefined); // reported per request (below); never an uncaught error
    return child;
  }

  #stop(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const child = this.#child;
    this.#child = null;
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill("SIGKILL");
  }

  #runNow(path: string, pages: number[], options: OcrRunOptions): Promise<OcrRun> {
    if (this.#disposed) return Promise.reject(new EngineError("ENGINE_UNAVAILABLE", "OCR is shut down."));
    if (options.signal?.aborted) return Promise.reject(abortError());
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const child = (this.#child ??= this.#start());
    const { proc } = child;
    // Busy: keep the engine (or a test) alive until the request ends; idle: never.
    proc.ref();
    proc.channel?.ref();
    const id = this.#nextId++;
    const run: OcrRun = { results: new Map() };
    return new Promise<OcrRun>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        proc.off("message", onMessage);
        proc.off("exit", onExit);
        proc.off("error", onError);
        options.signal?.removeEventListener("abort", onAbort);
        if (error) this.#stop(); // aborted: recognition cannot be interrupted, so the child goes
        else if (this.#child === child) {
          proc.unref();
          proc.channel?.unref();
          this.#idleTimer = setTimeout(() => this.#stop(), this.idleMs).unref();
        }
        if (error) reject(error);
        else resolve(run);
      };
      const record = (result: OcrPageResult) => {
        run.results.set(result.number, result);
        options.onPage?.(result);
      };
      const failRest = (why: string) => {
        for (const number of pages) if (!run.results.has(number)) record({ number, ok: false, error: why });
      };
      const onMessage = (message: OcrChildMessage) => {
        if (message.id !== id) return;
        switch (message.type) {
          case "page": {
            const { id: _id, type: _type, ...page } = message;
            record({ ok: true, ...page });
            return;
          }
          case "page-error":
            record({ number: message.number, ok: false, error: message.message });
            return;
          case "error":
            failRest(message.message);
            return;
          case "done":
            failRest("OCR gave no result for this page");
            Object.assign(run, { childCpuMs: message.cpuMs, childRssBytes: message.rssBytes, warm: message.warm });
            finish();
        }
      };
      const ended = (why: string) => {
        if (this.#child === child) this.#child = null;
        failRest(why);
        finish();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        ended(`OCR process ended unexpectedly (${signal ?? `exit ${code}`})${child.stderr ? `: ${child.stderr.trim().split("\n").at(-1)}` : ""}`);
      const onError = (err: Error) => ended(`OCR could not start: ${err.message}`);
      const onAbort = () => finish(abortError());
      proc.on("message", onMessage);
      proc.on("exit", onExit);
      proc.on("error", onError);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const request: OcrRequest = {
        type: "ocr",
        id,
        path,
        pages,
        workers: options.workers ?? 1,
        ...(options.scale !== undefined && { scale: options.scale }),
        ...(process.env.ENCLAVE_TEST_OCR_CRASH === "1" && { testCrash: true }),
      };
      proc.send(request, (err) => {
        if (err) ended(`OCR could not start: ${err.message}`);
      });
    });
  }
}
