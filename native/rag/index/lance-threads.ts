// LanceDB's CPU pool is sized num_cpus − LANCE_IO_CORE_RESERVATION (2), floored at 1. With a single
// pool thread its full-text index build deadlocks: the posting-list producer parks in a bounded
// channel while the consumer waits for a pool thread to encode pages (lancedb/lancedb#3568,
// lance-format/lance#7350). On this project's 2-core CI machine a 2,000-page PDF hung forever at 0%
// CPU in createIndex. The pool is created on first use, so setting the variable before any LanceDB
// call is enough; a value the user set is kept.
import { availableParallelism } from "node:os";

/** Threads for LanceDB's compute pool: never fewer than 4, so producer and consumer both progress. */
export function lanceCpuThreads(cores = availableParallelism()): number {
  return Math.max(4, cores);
}

process.env.LANCE_CPU_THREADS ??= String(lanceCpuThreads());
