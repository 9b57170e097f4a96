// Wall and CPU time per token of a piece of decoding, for the decode benchmarks. CPU time counts
// every thread of this process (the libuv worker that runs llama.cpp's graph included); on a shared
// machine it is the figure to trust, since wall time also counts the waits for a busy core.

export interface PerToken {
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU time (this process, all threads) of `fn`, per `n` tokens. */
export async function timed(n: number, fn: () => Promise<void>): Promise<PerToken> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: wall / n, cpuMs: (cpu.user + cpu.system) / 1000 / n };
}
