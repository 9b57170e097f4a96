// Threads under load. The thread probe measures the best count once per model on an idle-or-not
// machine and is reused; when other processes later take a core, that count oversubscribes the CPU
// and decoding collapses (ggml's threads wait for each other at every layer: 47 → 0.5 tokens/s
// measured with llama.cpp at 2 threads on 2 cores beside one busy process). So before each answer
// the model host compares the count in use with the cores left free and changes it when they
// disagree: down at once (one answer at the wrong count costs minutes), up only when two readings in
// a row agree (the context is made again to change it, which costs a prompt re-evaluation).
import type { ThreadProbe } from "../contract/inference.ts";

/** The probe's count, never above the free cores (at least 1). */
export function threadsForLoad(planned: number, parallelism: number, othersBusyCores: number): number {
  const free = Math.max(1, parallelism - Math.round(othersBusyCores));
  return Math.max(1, Math.min(planned, free));
}

export class ThreadAdvisor {
  #pendingUp: number | null = null;

  /** The count to switch to now, or null to keep `current`. */
  advise(current: number, planned: number, parallelism: number, othersBusyCores: number): number | null {
    const target = threadsForLoad(planned, parallelism, othersBusyCores);
    if (target === current) {
      this.#pendingUp = null;
      return null;
    }
    if (target < current) {
      this.#pendingUp = null;
      return target;
    }
    if (this.#pendingUp === target) {
      this.#pendingUp = null;
      return target;
    }
    this.#pendingUp = target;
    return null;
  }
}

/**
 * Whether a stored probe should be measured again: it ran while other processes kept at least half
 * a core busy and now they do not, so it may have chosen fewer threads than this machine runs best
 * with. (The other way round needs no new probe: the load check above lowers the count.) Probes
 * stored before the load was recorded are kept as they are.
 */
export function probeIsStale(probe: ThreadProbe, othersBusyCoresNow: number): boolean {
  if (probe.othersBusyCores === undefined) return false;
  return probe.othersBusyCores >= 0.5 && othersBusyCoresNow < 0.5;
}

/** Says why the count in use differs from the probe's, for the status and the Models page. */
export function threadsNote(current: number, planned: number, othersBusyCores: number): string | null {
  if (current >= planned) return null;
  const busy = Math.max(1, Math.round(othersBusyCores));
  return `${busy} core${busy > 1 ? "s" : ""} busy with other work: ${current} thread${current > 1 ? "s" : ""} instead of ${planned} until ${busy > 1 ? "they are" : "it is"} free`;
}
