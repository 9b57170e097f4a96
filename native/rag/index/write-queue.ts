// The RAG store's writes, one at a time in call order. A write still waiting can be cancelled by
// its signal, or by close(): it then rejects at once and never runs. Once started it runs to the end
// (a LanceDB commit cannot be interrupted). close() waits for the write running, except a
// background one (the vector index build, minutes long, which commits atomically: see RagStore.close).
import { EngineError } from "../../contract/errors.ts";
import { Mutex } from "../../util/mutex.ts";

export class WriteQueue {
  readonly #lock = new Mutex();
  /** The write now running, and whether it is a background one (close() does not wait for that). */
  #running: { done: Promise<unknown>; background: boolean } | null = null;
  /** Aborted by close(): writes that have not started yet are refused. */
  readonly #closing = new AbortController();

  /** Runs `fn` after every earlier write, unless `signal` (or close()) cancels it while it waits. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal, background = false): Promise<T> {
    const wait = signal ? AbortSignal.any([this.#closing.signal, signal]) : this.#closing.signal;
    return this.#lock.run(
      async () => {
        const done = fn();
        this.#running = { done, background };
        try {
          return await done;
        } finally {
          this.#running = null;
        }
      },
      { signal: wait, reason: abortReason },
    );
  }

  /** Refuses the writes waiting and resolves once the one running (unless background) has ended. */
  async close(): Promise<void> {
    this.#closing.abort(new EngineError("INTERNAL", "The RAG store is closed."));
    if (this.#running && !this.#running.background) await this.#running.done.catch(() => undefined);
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof EngineError ? signal.reason : new EngineError("ABORTED", "Cancelled while waiting for the document index.");
}
