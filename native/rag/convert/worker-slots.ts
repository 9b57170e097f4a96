// How many conversions may run at once: one per core, fewer when free memory is short. Every
// converter worker pool of one Converters shares these slots, so PDFs and Word files together never
// run more workers than the machine has cores. The limit is read at each acquire: a machine whose
// free memory drops gets fewer parallel conversions from the next one on (running ones finish).
import { availableParallelism, freemem } from "node:os";
import { abortError } from "./errors.ts";

export interface SlotLimits {
  /** Upper bound: the cores (os.availableParallelism()). */
  maxWorkers: number;
  /** What one converter worker may need: pdf.js on a large PDF, mammoth on a large DOCX. */
  bytesPerWorker: number;
  /** Free memory now, in bytes (os.freemem()); a test passes its own. */
  freeMemory: () => number;
}

/** pdf.js holds a whole PDF plus its fonts and page objects: ~100–300 MB for a large manual. */
export const DEFAULT_BYTES_PER_WORKER = 384 * 1024 * 1024;

export function defaultSlotLimits(): SlotLimits {
  return { maxWorkers: availableParallelism(), bytesPerWorker: DEFAULT_BYTES_PER_WORKER, freeMemory: freemem };
}

/** Workers allowed now: free memory / budget, at least 1 (one conversion always runs), at most the cores. */
export function allowedWorkers(limits: SlotLimits): number {
  return Math.max(1, Math.min(limits.maxWorkers, Math.floor(limits.freeMemory() / limits.bytesPerWorker)));
}

export class WorkerSlots {
  readonly limits: SlotLimits;
  #busy = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limits: Partial<SlotLimits> = {}) {
    this.limits = { ...defaultSlotLimits(), ...limits };
  }

  /** Slots a conversion started now could use (for splitting one PDF across workers). */
  get allowed(): number {
    return allowedWorkers(this.limits);
  }

  get busy(): number {
    return this.#busy;
  }

  /** Waits for a free slot (FIFO); returns its release. An abort while waiting rejects with ABORTED. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw abortError();
    if (this.#waiting.length === 0 && this.#free()) this.#busy++;
    else {
      // The slot is counted by whoever wakes us (#wakeNext), so nothing can take it in between.
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const at = this.#waiting.indexOf(wake);
          if (at >= 0) this.#waiting.splice(at, 1);
          reject(abortError());
        };
        this.#waiting.push(wake);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#busy--;
      this.#wakeNext();
    };
  }

  /** With nothing running one conversion always goes, however short memory is. */
  #free(): boolean {
    return this.#busy === 0 || this.#busy < this.allowed;
  }

  #wakeNext(): void {
    while (this.#waiting.length > 0 && this.#free()) {
      this.#busy++;
      this.#waiting.shift()!();
    }
  }
}
