// Hands out a fixed set of slots (context sequences of the loaded model) to concurrent stateless
// requests: first come first served, a bounded queue of waiters, and BUSY beyond it so that a flood
// of requests is refused at once instead of piling up. A waiter whose caller goes away leaves the
// queue; closing the pool (model switch, unload) fails the waiters and lets the holders finish.
import { EngineError } from "../contract/errors.ts";

interface Waiter<T> {
  resolve(slot: T): void;
  reject(err: unknown): void;
}

export class SequencePool<T> {
  readonly #free: T[];
  readonly #waiters: Waiter<T>[] = [];
  readonly #size: number;
  readonly #maxQueue: number;
  #closed = false;
  #drained: (() => void) | undefined;

  constructor(slots: readonly T[], options: { maxQueue: number }) {
    this.#free = [...slots];
    this.#size = slots.length;
    this.#maxQueue = options.maxQueue;
  }

  get size(): number {
    return this.#size;
  }
  get running(): number {
    return this.#size - this.#free.length;
  }
  get queued(): number {
    return this.#waiters.length;
  }
  get maxQueue(): number {
    return this.#maxQueue;
  }

  /** Runs `fn` with a slot; waits in line for one, or throws BUSY when the line is full. */
  async use<R>(signal: AbortSignal, fn: (slot: T) => Promise<R>): Promise<R> {
    const slot = await this.#acquire(signal);
    try {
      return await fn(slot);
    } finally {
      this.#release(slot);
    }
  }

  /** Refuses new work, fails every waiter, and resolves once every slot is back. */
  close(reason: string): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new EngineError("NO_MODEL_LOADED", reason));
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => (this.#drained = resolve));
  }

  #acquire(signal: AbortSignal): Promise<T> {
    signal.throwIfAborted();
    if (this.#closed) return Promise.reject(new EngineError("NO_MODEL_LOADED", "The model is being unloaded."));
    if (this.#size === 0) {
      return Promise.reject(new EngineError("BUSY", "The loaded model has no serving sequences: load it with servingSequences > 0 (the API server does)."));
    }
    const slot = this.#free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    if (this.#waiters.length >= this.#maxQueue) {
      return Promise.reject(new EngineError("BUSY", `All ${this.#size} sequences are busy and ${this.#maxQueue} requests are waiting; try again shortly.`, { queueFull: true, retryAfterS: 1 }));
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(signal.reason ?? new EngineError("ABORTED", "Cancelled."));
      };
      const waiter: Waiter<T> = {
        resolve: (s) => {
          signal.removeEventListener("abort", onAbort);
          resolve(s);
        },
        reject: (err) => {
          signal.removeEventListener("abort", onAbort);
          reject(err);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #release(slot: T): void {
    const next = this.#closed ? undefined : this.#waiters.shift();
    if (next) return next.resolve(slot);
    this.#free.push(slot);
    if (this.#closed && this.running === 0) this.#drained?.();
  }
}
