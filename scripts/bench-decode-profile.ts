// `npm run bench:profile`: where a decoded token's time goes through node-llama-cpp, against
// llama.cpp's own llama-bench on the same file and threads (issue 13, point 2). Three ways to decode
// the same model, per token, wall time and CPU time (all threads of the process):
//   A  llama-bench tg: llama.cpp's C++ loop, no sampling — the floor (built with OpenMP, llama.cpp's
//      default; A' is the same built with ggml's own thread pool, as node-llama-cpp's prebuilt
//      binaries are, which separates how threads are run from what the binding adds);
//   B  node-llama-cpp, one token per call, its logits computed but nothing sampled: the JS ↔ native
//      round trip of a decode (a decode that asks for no logits, `evaluateWithoutGeneratingNewTokens`,
//      is not comparable: llama.cpp then skips the output layer and the last block's feed-forward,
//      about 14% of this model's decode, which an earlier version of this script took for sampling);
//   C  node-llama-cpp `sequence.evaluate`, greedy: what a chat answer does (decode + sampling).
// B − A is the binding's round trip per token, C − B the sampling (the sampler chain over the
// logits). llama-bench decodes at the same KV depth as B and C (`-d`: the prompt and the first
// token), since attention's cost grows with the tokens already in the cache. CPU time is read as well as wall time because a round trip
// that waits (a thread hand-off) costs wall time without CPU.
// Usage: npm run bench:profile [-- --model file.gguf] [--threads 1,2] [--tokens 128]
import { parseArgs } from "node:util";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { availableParallelism, cpus, loadavg } from "node:os";
import { getLlama, LlamaLogLevel, type Token } from "node-llama-cpp";
import { getBenchModel } from "../test/fixtures/test-models.ts";
import { ensureLlamaBench } from "./llama-bench.ts";
import { timed, type PerToken } from "./per-token-time.ts";

const run = promisify(execFile);
const { values } = parseArgs({ options: { model: { type: "string" }, threads: { type: "string", default: availableParallelism() > 1 ? "1,2" : "1" }, tokens: { type: "string", default: "128" } } });
const tokens = Number(values.tokens);
const threadCounts = values.threads.split(",").map(Number);
const modelPath = values.model ?? (await getBenchModel());

/** llama-bench's decode per token: wall from its own average; CPU from the difference of two runs
 *  (128 vs 16 generated tokens), which removes loading and warm-up. */
async function llamaBenchPerToken(binary: string, threads: number, depth: number): Promise<PerToken> {
  const cpuOf = async (n: number): Promise<{ cpuMs: number; tps: number }> => {
    const script = `"$0" -m "$1" -t ${threads} -p 0 -n ${n} -d ${depth} -r 3 -ngl 0 -o json; times`;
    const { stdout } = await run("bash", ["-c", script, binary, modelPath], { maxBuffer: 1 << 24 });
    const [json, timesOut] = [stdout.slice(0, stdout.lastIndexOf("]") + 1), stdout.slice(stdout.lastIndexOf("]") + 1)];
    const rows = JSON.parse(json) as { n_gen: number; avg_ts: number }[];
    // `times`: the shell's user/sys, then its children's (llama-bench's).
    const child = timesOut.trim().split("\n").at(-1)!.trim().split(/\s+/).map((t) => {
      const m = /(\d+)m([\d.]+)s/.exec(t)!;
      return Number(m[1]) * 60_000 + Number(m[2]) * 1000;
    });
    return { cpuMs: child[0]! + child[1]!, tps: rows.find((r) => r.n_gen > 0)!.avg_ts };
  };
  const long = await cpuOf(tokens);
  const short = await cpuOf(16);
  return { wallMs: 1000 / long.tps, cpuMs: (long.cpuMs - short.cpuMs) / ((tokens - 16) * 3) };
}

/** node-llama-cpp's internal generator (3.21.1): decodes with logits and samples nothing. */
interface NoSamplingEvaluate {
  _evaluate(tokens: Token[], metadata: object, options: { _noSampling: boolean }): AsyncGenerator<unknown>;
}

const reference = await ensureLlamaBench((line) => console.error(line)).catch((err: unknown) => ({ missing: String(err) }));
const noOpenmp = await ensureLlamaBench((line) => console.error(line), { openmp: false }).catch((err: unknown) => ({ missing: String(err) }));
console.log(`# Decode profile — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model.trim()} × ${availableParallelism()}; load average ${(loadavg()[0] ?? 0).toFixed(2)} at start; model ${modelPath}; ${tokens} tokens\n`);
console.log("| threads | way | wall ms/token | CPU ms/token | tokens/s |");
console.log("|---|---|---|---|---|");
const f = (n: number) => n.toFixed(2);
for (const threads of threadCounts) {
  const llama = await getLlama({ gpu: false, build: "never", maxThreads: threads, logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 1024, threads: { ideal: threads, min: threads } });
  const sequence = context.getSequence();
  const prompt = model.tokenize("Summarise why analysts keep confidential documents on their own machine.");
  const filler = model.tokenize(" the")[0] as Token;
  try {
    const rows: [string, PerToken][] = [];
    if ("path" in reference) rows.push(["A llama-bench tg (no sampling; OpenMP)", await llamaBenchPerToken(reference.path, threads, prompt.length + 1)]);
    if ("path" in noOpenmp) rows.push(["A' llama-bench tg (no sampling; ggml's thread pool)", await llamaBenchPerToken(noOpenmp.path, threads, prompt.length + 1)]);
    // B: the same decode, one token per call through the binding, with its logits, nothing sampled
    // (node-llama-cpp's internal `_evaluate` with `_noSampling`, 3.21.1).
    await sequence.clearHistory();
    await sequence.evaluateWithoutGeneratingNewTokens(prompt);
    rows.push(["B node-llama-cpp, decode + logits, no sampling", await timed(tokens, async () => {
      for (let i = 0; i < tokens; i++) for await (const _ of (sequence as unknown as NoSamplingEvaluate)._evaluate([filler], {}, { _noSampling: true })) { /* yields nothing */ }
    })]);
    // C: a greedy generation as a chat answer runs it (decode + sampling), timed from the first token.
    await sequence.clearHistory();
    const iterator = sequence.evaluate(prompt, { temperature: 0 })[Symbol.asyncIterator]();
    await iterator.next(); // the prefill and the first token
    rows.push(["C node-llama-cpp, greedy evaluate", await timed(tokens, async () => {
      for (let i = 0; i < tokens; i++) await iterator.next();
    })]);
    await iterator.return?.();
    for (const [way, p] of rows) console.log(`| ${threads} | ${way} | ${f(p.wallMs)} | ${f(p.cpuMs)} | ${(1000 / p.wallMs).toFixed(1)} |`);
    const [a, a2, b, c] = [rows.find((r) => r[0].startsWith("A "))?.[1], rows.find((r) => r[0].startsWith("A'"))?.[1], rows.find((r) => r[0].startsWith("B"))![1], rows.find((r) => r[0].startsWith("C"))![1]];
    if (a && a2) console.log(`| ${threads} | A' − A: ggml's thread pool instead of OpenMP | ${f(a2.wallMs - a.wallMs)} | ${f(a2.cpuMs - a.cpuMs)} | |`);
    if (a2 ?? a) console.log(`| ${threads} | B − A${a2 ? "'" : ""}: the binding's round trip | ${f(b.wallMs - (a2 ?? a)!.wallMs)} | ${f(b.cpuMs - (a2 ?? a)!.cpuMs)} | |`);
    console.log(`| ${threads} | C − B: sampling | ${f(c.wallMs - b.wallMs)} | ${f(c.cpuMs - b.cpuMs)} | |`);
  } finally {
    await context.dispose();
    await model.dispose();
    await llama.dispose();
  }
}
if ("missing" in reference) console.log(`\nllama-bench not available (${reference.missing}): rows A and B − A are missing.`);
