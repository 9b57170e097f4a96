// How many cores other processes keep busy right now. ggml's threads wait for each other at every
// layer, so one of them preempted by another process stalls the whole token: on the 2-core machine
// llama.cpp fell from 47 to 0.5 tokens/s at 2 threads while another process used a core. The model
// host asks this before each answer and never keeps more threads than there are free cores. Cheap:
// it reads the kernel's per-core counters (os.cpus()) and this process's own CPU time, on a slow
// unref'd timer, so a question waits for no sampling.
import { cpus } from "node:os";
import { cpuUsage } from "node:process";

interface Snapshot {
  wallMs: number;
  /** CPU time of every process on every core (user + nice + sys + irq), ms. */
  busyMs: number;
  /** CPU time of this process, all its threads (ggml's workers included), ms. */
  ownMs: number;
}

export interface CpuCounters {
  now(): number;
  busyMs(): number;
  ownMs(): number;
}

export const systemCounters: CpuCounters = {
  now: () => performance.now(),
  busyMs: () => cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0),
  ownMs: () => {
    const u = cpuUsage();
    return (u.user + u.system) / 1000;
  },
};

/** Shortest window worth a figure: os.cpus() counts in 10 ms ticks on Linux. */
const MIN_WINDOW_MS = 400;

export class CpuLoadSampler {
  readonly #counters: CpuCounters;
  readonly #intervalMs: number;
  /** The two most recent snapshots: a reading covers at least one full interval. */
  #older: Snapshot;
  #newer: Snapshot;
  #timer: NodeJS.Timeout | undefined;
  #last = 0;

  constructor(options: { intervalMs?: number; counters?: CpuCounters } = {}) {
    this.#counters = options.counters ?? systemCounters;
    this.#intervalMs = options.intervalMs ?? 2_000;
    this.#older = this.#newer = this.#snapshot();
  }

  /** Starts the background snapshots (idempotent); the timer never keeps the process alive. */
  start(): this {
    this.#timer ??= setInterval(() => this.#roll(), this.#intervalMs).unref();
    return this;
  }

  /** Cores' worth of CPU that other processes used over the last interval or two (0 = idle). */
  othersBusyCores(): number {
    const now = this.#snapshot();
    const base = now.wallMs - this.#newer.wallMs >= MIN_WINDOW_MS ? this.#newer : this.#older;
    const wall = now.wallMs - base.wallMs;
    if (wall < MIN_WINDOW_MS) return this.#last; // too soon after start: keep the previous reading
    this.#last = Math.max(0, (now.busyMs - base.busyMs - (now.ownMs - base.ownMs)) / wall);
    return this.#last;
  }

  dispose(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #roll(): void {
    this.#older = this.#newer;
    this.#newer = this.#snapshot();
  }

  #snapshot(): Snapshot {
    return { wallMs: this.#counters.now(), busyMs: this.#counters.busyMs(), ownMs: this.#counters.ownMs() };
  }
}
