// `npm run bench`: decode speed and time to first token of Enclave's engine against bare
// node-llama-cpp on the same model and thread count, node-llama-cpp's default thread budget, the
// thread count Enclave's probe chooses, and model load time; and both as ratios of llama.cpp's own
// llama-bench (built from node-llama-cpp's bundled source) on the same file and threads. Prints
// Markdown tables for BENCHMARKS.md. Usage: npm run bench [-- --model file.gguf] [--tokens 64] [--repeats 3]
import { parseArgs } from "node:util";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { getLlama, LlamaChatSession, LlamaLogLevel } from "node-llama-cpp";
import { startEngine } from "../native/client/start-engine.ts";
import { threadCandidates } from "../native/inference/thread-probe.ts";
import { getBenchModel } from "../test/fixtures/test-models.ts";
import { median } from "./median.ts";
import { ensureLlamaBench, llamaBench, type LlamaBenchResult } from "./llama-bench.ts";

const { values } = parseArgs({
  options: { model: { type: "string" }, tokens: { type: "string", default: "64" }, repeats: { type: "string", default: "3" } },
});
const tokens = Number(values.tokens);
const repeats = Number(values.repeats);
const PROMPT = "Summarise the main arguments for keeping confidential documents on the analyst's own machine.";
/** A different opening per run, so neither engine can answer from a cached prompt. */
const SYSTEM = "You are a helpful assistant.";
const promptFor = (i: number) => `(${i + 1}) ${PROMPT}`;

interface Run {
  ttftMs: number;
  tokensPerSecond: number;
}

function summarise(runs: Run[]): Run {
  return { ttftMs: median(runs.map((r) => r.ttftMs)), tokensPerSecond: median(runs.map((r) => r.tokensPerSecond)) };
}

/**
 * Bare node-llama-cpp: the floor Enclave's overhead is measured against. `threads` undefined = its
 * default budget, which on small machines is so slow (REFERENCE.md: ~400× on 2 cores) that each run
 * is cut off after `budgetMs` and rated on the tokens it produced by then.
 */
async function bare(modelPath: string, threads: number | undefined, budgetMs = 60_000, runsWanted = repeats): Promise<Run & { loadMs: number }> {
  const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
  const loadStart = performance.now();
  const model = await llama.loadModel({ modelPath });
  const loadMs = performance.now() - loadStart;
  const runs: Run[] = [];
  // One context for all runs, as an app keeps one: context creation is not part of a turn's latency.
  const context = await model.createContext({ contextSize: 1024, ...(threads ? { threads } : {}) });
  const sequence = context.getSequence();
  try {
    for (let i = 0; i < runsWanted; i++) {
      await sequence.clearHistory(); // a cold prompt each run, like a new conversation
      const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false, systemPrompt: SYSTEM });
      const start = performance.now();
      let first: number | undefined;
      let count = 0;
      await session.prompt(promptFor(i), {
        temperature: 0,
        maxTokens: tokens,
        signal: AbortSignal.timeout(budgetMs),
        stopOnAbortSignal: true,
        onToken: (t) => ((first ??= performance.now()), (count += t.length)),
      });
      const end = performance.now();
      runs.push({ ttftMs: (first ?? end) - start, tokensPerSecond: count > 1 ? ((count - 1) * 1000) / (end - first!) : 0 });
      session.dispose();
    }
  } finally {
    await context.dispose();
    await model.dispose();
    await llama.dispose();
  }
  return { ...summarise(runs), loadMs };
}

async function enclave(modelPath: string, threads: number | null): Promise<Run & { loadMs: number; threads: number; probe: unknown; prefill: number; promptTokens: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-"));
  const client = await startEngine({ dataDir, gpu: false, env: { ENCLAVE_THREADS: "" } });
  try {
    const loaded = await client.call("inference.load", { model: modelPath, contextSize: 1024, ...(threads ? { threads } : {}) });
    const runs: Run[] = [];
    const prefills: number[] = [];
    let promptTokens = 0;
    for (let i = 0; i < repeats; i++) {
      const c = await client.call("conversations.create", { systemPrompt: SYSTEM });
      const r = await client.call("chat.send", { conversationId: c.id, text: promptFor(i), sampling: { temperature: 0, maxTokens: tokens } });
      const stats = r.assistantMessage.stats!;
      runs.push({ ttftMs: stats.ttftMs, tokensPerSecond: stats.tokensPerSecond });
      // Prefill as a user feels it: the prompt's evaluated tokens over the time to the first token.
      prefills.push((stats.evaluatedPromptTokens * 1000) / stats.ttftMs);
      promptTokens = stats.evaluatedPromptTokens;
    }
    return { ...summarise(runs), loadMs: loaded.loadMs, threads: loaded.threads, probe: loaded.probe, prefill: median(prefills), promptTokens };
  } finally {
    await client.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const modelPath = values.model ?? (await getBenchModel());
const f = (n: number) => n.toFixed(1);
console.log(`# Enclave bench — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model.trim()} × ${availableParallelism()}; node ${process.version}; model ${modelPath}`);
console.log(`greedy, ${tokens} tokens, median of ${repeats}\n`);
console.log("| engine | threads | TTFT ms | decode tok/s | load ms |");
console.log("|---|---|---|---|---|");
const def = await bare(modelPath, undefined, 60_000, 1);
console.log(`| node-llama-cpp, default threads (1 run, cut at 60 s) | default | ${f(def.ttftMs)} | ${f(def.tokensPerSecond)} | ${f(def.loadMs)} |`);
const reference = await ensureLlamaBench((line) => console.error(line)).catch((err: unknown) => ({ missing: `the build failed: ${String(err)}` }));
const versusLlamaCpp: { threads: number; enclave: { prefill: number; decode: number }; llama: LlamaBenchResult | null }[] = [];
for (const t of threadCandidates(availableParallelism())) {
  const b = await bare(modelPath, t);
  console.log(`| node-llama-cpp | ${t} | ${f(b.ttftMs)} | ${f(b.tokensPerSecond)} | ${f(b.loadMs)} |`);
  const e = await enclave(modelPath, t);
  console.log(`| Enclave engine | ${t} | ${f(e.ttftMs)} | ${f(e.tokensPerSecond)} | ${f(e.loadMs)} |`);
  // Same file, same threads, same prompt length, measured right after Enclave's runs.
  const llama = "path" in reference ? await llamaBench(reference.path, modelPath, t, e.promptTokens, tokens, repeats) : null;
  versusLlamaCpp.push({ threads: t, enclave: { prefill: e.prefill, decode: e.tokensPerSecond }, llama });
}
const probed = await enclave(modelPath, null);
console.log(`| Enclave engine, probed | ${probed.threads} | ${f(probed.ttftMs)} | ${f(probed.tokensPerSecond)} | ${f(probed.loadMs)} (incl. probe) |`);
console.log(`\nprobe: ${JSON.stringify(probed.probe)}`);

console.log("\n## Against llama.cpp's own llama-bench (same file, threads and prompt length; CPU only)\n");
if ("missing" in reference) console.log(`llama-bench not available: ${reference.missing}. Install cmake and a C++ compiler to get this table.`);
else {
  console.log("| threads | Enclave prefill tok/s | llama-bench pp tok/s | ratio | Enclave decode tok/s | llama-bench tg tok/s | ratio |");
  console.log("|---|---|---|---|---|---|---|");
  for (const { threads, enclave: e, llama } of versusLlamaCpp) {
    if (!llama) continue;
    console.log(`| ${threads} | ${f(e.prefill)} | ${f(llama.prefill)} | ${(e.prefill / llama.prefill).toFixed(2)}× | ${f(e.decode)} | ${f(llama.decode)} | ${(e.decode / llama.decode).toFixed(2)}× |`);
  }
  const best = (pick: (r: (typeof versusLlamaCpp)[number]) => number) => Math.max(...versusLlamaCpp.map(pick));
  const bestOf = (k: "prefill" | "decode") => best((r) => r.enclave[k]) / best((r) => r.llama?.[k] ?? 0);
  console.log(`\nat the best thread count for each: prefill ${bestOf("prefill").toFixed(2)}×, decode ${bestOf("decode").toFixed(2)}× of llama-bench (target ≥ 0.9×)`);
}
