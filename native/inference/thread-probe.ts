// Chooses the generation thread count by measuring it. node-llama-cpp's default budget ran 4 threads
// on a 2-core machine and decoded ~400× slower than 1 thread (REFERENCE.md), and the best count
// depends on the CPU, the model's shape and what else is running — so it is measured, not guessed:
// a short greedy decode at each candidate count, once per machine and model, reused afterwards.
import { availableParallelism, cpus, platform, arch } from "node:os";
import type { LlamaModel } from "node-llama-cpp";
import type { ThreadProbe } from "../contract/inference.ts";

/** 1, 2, 4, … up to the machine's parallelism, plus the parallelism itself and half of it. */
export function threadCandidates(parallelism: number): number[] {
  const set = new Set<number>([1, parallelism, Math.max(1, Math.floor(parallelism / 2))]);
  for (let n = 2; n < parallelism; n *= 2) set.add(n);
  return [...set].filter((n) => n >= 1 && n <= parallelism).sort((a, b) => a - b);
}

/** Identifies the hardware a probe ran on; a probe is reused only on the same shape. */
export function machineKey(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown-cpu";
  return `${platform()}-${arch()}-${availableParallelism()}x-${cpu}`;
}

export interface ProbeOptions {
  candidates?: number[];
  /** Tokens decoded per candidate (fewer when the time budget runs out first). */
  decodeTokens?: number;
  /** Time budget per candidate; slow models stop early and are rated on what they managed. */
  budgetMs?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, threads: number) => void;
}

const PROBE_PROMPT =
  "Enclave measures how fast this machine evaluates a prompt and generates tokens with different thread counts, so that answers come as fast as the hardware allows.";

export async function probeThreads(model: LlamaModel, options: ProbeOptions = {}): Promise<ThreadProbe> {
  const candidates = options.candidates ?? threadCandidates(availableParallelism());
  const decodeTokens = options.decodeTokens ?? 24;
  const budgetMs = options.budgetMs ?? 4_000;
  const promptTokens = model.tokenize(PROBE_PROMPT);
  const measurements: ThreadProbe["measurements"] = [];

  for (const [index, threads] of candidates.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.(index, candidates.length, threads);
    const context = await model.createContext({ contextSize: 256, threads: { ideal: threads, min: threads }, sequences: 1 });
    try {
      const sequence = context.getSequence();
      const started = performance.now();
      let firstTokenAt = 0;
      let produced = 0;
      for await (const _token of sequence.evaluate(promptTokens, { temperature: 0 })) {
        const now = performance.now();
        if (produced === 0) firstTokenAt = now;
        produced += 1;
        if (produced > decodeTokens || now - started > budgetMs || options.signal?.aborted) break;
      }
      const decodeMs = performance.now() - firstTokenAt;
      measurements.push({
        threads,
        prefillMs: round(firstTokenAt - started),
        decodeTokensPerSecond: produced > 1 ? round(((produced - 1) * 1000) / Math.max(decodeMs, 0.001)) : 0,
      });
    } finally {
      await context.dispose();
    }
    // More threads than the best so far that are clearly slower will not get faster: stop early.
    const best = Math.max(...measurements.map((m) => m.decodeTokensPerSecond));
    if (measurements.at(-1)!.decodeTokensPerSecond < best * 0.5) break;
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(candidates.length, candidates.length, 0);
  return { machineKey: machineKey(), chosen: chooseThreads(measurements), measurements, measuredAt: new Date().toISOString() };
}

/**
 * The fastest decode wins; within 5% of it, fewer threads win (they leave cores for the rest). But
 * a count that decodes within 10% of the best and evaluates the prompt at least a third faster wins
 * over it: a grounded question's prompt is thousands of tokens, so prefill decides how long the user
 * waits for the first word (on the 2-core machine 2 threads decoded like 1 and evaluated prompts
 * 1.8× faster, and the old rule chose 1). Under load the count is lowered anyway (thread-load.ts).
 */
export function chooseThreads(measurements: ThreadProbe["measurements"]): number {
  if (measurements.length === 0) return 1;
  const best = Math.max(...measurements.map((m) => m.decodeTokensPerSecond));
  const good = measurements.filter((m) => m.decodeTokensPerSecond >= best * 0.95);
  const byDecode = Math.min(...good.map((m) => m.threads));
  const base = measurements.find((m) => m.threads === byDecode)!;
  const faster = measurements.filter((m) => m.decodeTokensPerSecond >= best * 0.9 && m.prefillMs > 0 && base.prefillMs > 0 && m.prefillMs <= base.prefillMs * 0.75);
  if (faster.length === 0) return byDecode;
  const fastest = Math.min(...faster.map((m) => m.prefillMs));
  return Math.min(...faster.filter((m) => m.prefillMs <= fastest * 1.05).map((m) => m.threads));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
