// `npm run bench:perf`: where a decoded token's CPU time goes, function by function, in llama.cpp's
// own llama-bench and in node-llama-cpp's `sequence.evaluate` (greedy), on the same file, thread
// count, KV depth and token count, sampled with Linux `perf` (issue 13, point 2). Both are grouped
// the same way (q8_0 matmuls, attention, other ggml, the binding, sampling, node/JS, kernel), in
// CPU ms per decoded token, so a difference between the two shows which code it is in.
// Needs `perf` (linux-perf; perf_event_paranoid ≤ 2 is enough: user space of our own processes)
// and llama-bench (scripts/llama-bench.ts builds it). Without them it says so and stops.
// Usage: npm run bench:perf [-- --tokens 128] [--threads 1] [--model file.gguf]
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { getBenchModel } from "../test/fixtures/test-models.ts";
import { ensureLlamaBench } from "./llama-bench.ts";

const PROMPT = "Summarise why analysts keep confidential documents on their own machine.";
const FREQUENCY = 1999; // samples a second per thread
const { values } = parseArgs({ options: { tokens: { type: "string", default: "128" }, threads: { type: "string", default: "1" }, model: { type: "string" }, rounds: { type: "string", default: "2" }, top: { type: "string", default: "8" }, child: { type: "boolean", default: false } } });
const tokens = Number(values.tokens);
const threads = Number(values.threads);
const rounds = Number(values.rounds);
const modelPath = values.model ?? (await getBenchModel());

/** Child mode: prefill and sample the first token, say READY, wait for GO, decode `tokens` more. */
async function child(): Promise<void> {
  const llama = await getLlama({ gpu: false, build: "never", maxThreads: threads, logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 1024, threads: { ideal: threads, min: threads } });
  const prompt = model.tokenize(PROMPT);
  const iterator = context.getSequence().evaluate(prompt, { temperature: 0 })[Symbol.asyncIterator]();
  await iterator.next();
  console.log(`READY ${prompt.length}`);
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once("line", () => resolve()));
  lines.close(); // an open stdin would keep this process, and perf attached to it, alive
  process.stdin.destroy();
  for (let i = 0; i < tokens; i++) await iterator.next();
  await iterator.return?.();
  await context.dispose();
  await model.dispose();
  await llama.dispose();
}

/** Samples per symbol, summed over every run of one side: the functions behind a group. */
const symbolSamples = { node: new Map<string, number>(), bench: new Map<string, number>() };

/** Samples per symbol group, from `perf report`. */
function groups(dataFile: string, side: keyof typeof symbolSamples): Map<string, number> {
  const out = spawnSync("perf", ["report", "-i", dataFile, "--no-children", "--sort", "dso,symbol", "--stdio", "-n"], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout;
  const result = new Map<string, number>();
  for (const line of out.split("\n")) {
    const m = /^\s*[\d.]+%\s+(\d+)\s+(\S+)\s+\[(.)\]\s+(.*?)\s*$/.exec(line);
    if (!m) continue;
    const [samples, dso, mode, symbol] = [Number(m[1]), m[2]!, m[3]!, m[4]!];
    symbolSamples[side].set(symbol, (symbolSamples[side].get(symbol) ?? 0) + samples);
    const group =
      mode === "k" ? "kernel" :
      /vec_dot_q8_0_q8_0|vec_dot_q4_0|vec_dot_q\d/.test(symbol) ? "matmul (quantized dot products)" :
      /flash_attn|vec_dot_f16|vec_mad_f16|soft_max/.test(symbol) ? "attention" :
      /tinyBLAS|gemm/.test(symbol) ? "prompt gemm (prefill, not decode)" :
      /sampler|AddonSampler|SampleToken/.test(symbol) ? "sampling" :
      dso.startsWith("libggml") || (dso === "llama-bench" && /ggml/.test(symbol)) ? "other ggml" :
      dso === "llama-addon.node" || dso.startsWith("libllama") || (dso === "llama-bench" && /llama/.test(symbol)) ? "llama.cpp / binding glue" :
      dso === "node" || dso.startsWith("[JIT]") || dso.startsWith("perf-") ? "node / JS" :
      `other (${dso})`;
    result.set(group, (result.get(group) ?? 0) + samples);
  }
  return result;
}

function perfAvailable(): boolean {
  return spawnSync("perf", ["--version"], { stdio: "ignore" }).status === 0;
}

async function profileNode(dataFile: string): Promise<number> {
  const proc = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--child", "--tokens", String(tokens), "--threads", String(threads), "--model", modelPath], { stdio: ["pipe", "pipe", "inherit"] });
  const promptTokens = await new Promise<number>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => { if (line.startsWith("READY ")) resolve(Number(line.slice(6))); });
    proc.once("exit", (code) => reject(new Error(`the decode child exited (${code}) before it was ready`)));
  });
  const perf = spawn("perf", ["record", "-q", "-F", String(FREQUENCY), "-p", String(proc.pid), "-o", dataFile], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500)); // perf attaches
  proc.stdin!.write("GO\n");
  await new Promise((r) => proc.once("exit", r));
  await new Promise((r) => perf.once("exit", r));
  return promptTokens;
}

if (values.child) {
  await child();
} else {
  const bench = await ensureLlamaBench((line) => console.error(line), { openmp: false }).catch((err: unknown) => ({ missing: String(err) }));
  if (!perfAvailable()) console.log("perf is not installed (apt-get install linux-perf): nothing to profile.");
  else if ("missing" in bench) console.log(`llama-bench is not available (${bench.missing}): nothing to compare with.`);
  else {
    const dir = await mkdtemp(join(tmpdir(), "enclave-perf-"));
    try {
      console.log(`# Decode, function by function — ${new Date().toISOString()}; load average ${loadavg()[0]!.toFixed(2)} at start`);
      // Rounds alternate which of the two runs first, so a load that changes meanwhile is shared.
      const [nodeGroups, benchGroups] = [new Map<string, number>(), new Map<string, number>()];
      const add = (into: Map<string, number>, from: Map<string, number>) => { for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v); };
      let depth = 0;
      const runBench = () => {
        spawnSync("perf", ["record", "-q", "-F", String(FREQUENCY), "-o", join(dir, "bench.data"), "--", bench.path, "-m", modelPath, "-t", String(threads), "-p", "0", "-n", String(tokens), "-d", String(depth), "-r", "1", "--no-warmup", "-ngl", "0"], { stdio: "ignore" });
        add(benchGroups, groups(join(dir, "bench.data"), "bench"));
      };
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 1) runBench();
        // The same KV depth as the child's (the prompt and the first token), the same token count.
        depth = (await profileNode(join(dir, "node.data"))) + 1;
        add(nodeGroups, groups(join(dir, "node.data"), "node"));
        if (round % 2 === 0) runBench();
      }
      console.log(`model ${modelPath}; ${threads} thread(s); ${tokens} tokens decoded after ${depth} in the KV cache, ${rounds} round(s) each; perf at ${FREQUENCY} Hz (CPU clock); load average ${loadavg()[0]!.toFixed(2)} at the end\n`);
      const names = [...new Set([...benchGroups.keys(), ...nodeGroups.keys()])].sort((a, b) => (nodeGroups.get(b) ?? 0) - (nodeGroups.get(a) ?? 0));
      const ms = (samples: number) => ((samples / FREQUENCY / tokens / rounds) * 1000).toFixed(2);
      console.log("| CPU ms per decoded token | llama-bench | node-llama-cpp evaluate | difference |");
      console.log("|---|---|---|---|");
      for (const name of names) {
        const [b, n] = [benchGroups.get(name) ?? 0, nodeGroups.get(name) ?? 0];
        console.log(`| ${name} | ${ms(b)} | ${ms(n)} | ${ms(n - b)} |`);
      }
      const total = (g: Map<string, number>) => [...g].filter(([k]) => !k.startsWith("prompt gemm") && k !== "kernel").reduce((s, [, v]) => s + v, 0);
      console.log(`| **decode, without prefill gemm and kernel** | ${ms(total(benchGroups))} | ${ms(total(nodeGroups))} | ${ms(total(nodeGroups) - total(benchGroups))} |`);
      for (const side of ["bench", "node"] as const) {
        const top = [...symbolSamples[side]].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
        console.log(`\nTop functions, ${side === "bench" ? "llama-bench" : "node-llama-cpp"} (CPU ms per decoded token): ${top.map(([name, n]) => `${name.trim().slice(0, 60)} ${ms(n)}`).join("; ")}`);
      }
      console.log("\nllama-bench's columns include its model load and the depth prefill (kernel page faults, gemm), node-llama-cpp's do not: compare the decode rows.");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
