// A FIFO async lock. Each resource that must not be used by two operations at once (the loaded
// model: a switch must not race a generation; the document index's writes; an embedding context)
// is guarded by one of these. A holder still waiting for its turn can be cancelled by a signal: it
// then rejects at once and never runs, and the holders behind it keep their order. Once started, a
// holder runs to its end whatever the signal says (stopping it is its own business).
export interface MutexRunOptions {
  /** Cancels the wait for the lock (not the holder once it runs). */
  signal?: AbortSignal | undefined;
  /** What a cancelled wait rejects with; default the signal's reason. */
  reason?: (signal: AbortSignal) => unknown;
}

export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;

  get held(): boolean {
    return this.#held;
  }

  /** Runs `fn` once every earlier holder has finished; releases even when `fn` throws. */
  async run<T>(fn: () => Promise<T>, options: MutexRunOptions = {}): Promise<T> {
    const { signal } = options;
    const reason = (s: AbortSignal) => (options.reason ? options.reason(s) : s.reason);
    if (signal?.aborted) throw reason(signal);
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    if (signal) {
      let onAbort!: () => void;
      const aborted = new Promise<"aborted">((resolve) => (onAbort = () => resolve("aborted")));
      signal.addEventListener("abort", onAbort, { once: true });
      const first = await Promise.race([previous, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
      if (first === "aborted" || signal.aborted) {
        // Our place in the line passes on once the holders before us are done.
        void previous.then(release);
        throw reason(signal);
      }
    } else {
      await previous;
    }
    this.#held = true;
    try {
      return await fn();
    } finally {
      this.#held = false;
      release();
    }
  }

  /** Resolves once every holder queued so far has finished (for a dispose: no new work is let in). */
  async drained(): Promise<void> {
    await this.#tail;
  }
}
