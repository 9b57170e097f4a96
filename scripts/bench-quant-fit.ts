// `npm run bench:quant`: (1) the fit estimate against measured resident memory per quant — node-
// llama-cpp's estimate (what Enclave shows before a load) beside the RSS growth of a fresh process
// that loaded the variant and ran a prefill and decode (quant lab's footprint child) — and (2) the
// acceptance rate of speculative decoding (a Q4_0 draft for Q8_0, and prompt lookup on a prompt the
// answer can copy from). Random-weight models cannot show a speed-up: acceptance is mechanics only.
// Usage: npm run bench:quant [-- --bench-model]   (--bench-model adds the ≈322M-parameter model)
import { parseArgs } from "node:util";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { DraftSequenceTokenPredictor, getLlama, InputLookupTokenPredictor, LlamaLogLevel, type Llama, type TokenPredictor } from "node-llama-cpp";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { ModelLibrary } from "../native/models/library.ts";
import { measureFootprint } from "../native/models/quant-lab/footprint.ts";
import { getBenchModel, getTestModels } from "../test/fixtures/test-models.ts";

const { values } = parseArgs({ options: { "bench-model": { type: "boolean" }, threads: { type: "string", default: "1" }, ctx: { type: "string", default: "512" } } });
const threads = Number(values.threads);
const contextSize = Number(values.ctx);
const models = await getTestModels();
const files: [string, string][] = [["tiny F16", models.f16], ["tiny Q8_0", models.q8_0], ["tiny Q4_0", models.q4_0]];
if (values["bench-model"]) files.push(["bench Q8_0", await getBenchModel({ fileType: "Q8_0" })], ["bench F16", await getBenchModel({ fileType: "F16" })]);

const dataDir = await mkdtemp(join(tmpdir(), "enclave-bench-quant-"));
const runtime = new LlamaRuntime({ gpu: false });
const library = await ModelLibrary.open({ dataDir, runtime, isOffline: () => true, downloadDir: () => dataDir });
const llama = await runtime.get();
const sample = "The tide came in over the flats while the gulls argued over the harbour wall. ".repeat(6);
const tokens = llama && (await llama.loadModel({ modelPath: models.q8_0, vocabOnly: true })).tokenize(sample);

console.log(`Machine: ${cpus()[0]?.model.trim()}, ${availableParallelism()} cores, load average ${(loadavg()[0] ?? 0).toFixed(2)} at start; ${threads} thread(s), context ${contextSize}.\n`);
console.log("| Variant | File | Estimate (RAM) | Measured RSS growth | Error |");
console.log("|---|---|---|---|---|");
for (const [label, path] of files) {
  const entry = await library.inspect(path, { contextSize, gpuLayers: 0 });
  const measured = await measureFootprint({ path, tokens, threads, decodeTokens: 16, contextSize, gpu: false, gpuLayers: 0 }, new AbortController().signal);
  const estimate = entry.estimate?.ramBytes ?? NaN;
  const error = (estimate - measured.measuredRamBytes) / measured.measuredRamBytes;
  console.log(`| ${label} | ${mib(entry.sizeBytes)} | ${mib(estimate)} | ${mib(measured.measuredRamBytes)} | ${error >= 0 ? "+" : ""}${(error * 100).toFixed(0)}% |`);
}

console.log("\n| Speculative | Main | Tokens | Validated | Refuted | Acceptance |");
console.log("|---|---|---|---|---|---|");
const bare = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
await speculate(bare, "draft Q4_0", () => draftPredictor(bare, models.q4_0));
await speculate(bare, "prompt lookup", async () => ({ predictor: new InputLookupTokenPredictor(), dispose: async () => undefined }));
await bare.dispose();
await library.dispose();
await runtime.dispose();
await rm(dataDir, { recursive: true, force: true });

async function draftPredictor(l: Llama, path: string): Promise<{ predictor: TokenPredictor; dispose: () => Promise<void> }> {
  const model = await l.loadModel({ modelPath: path });
  const context = await model.createContext({ contextSize, threads: { ideal: threads, min: threads } });
  return { predictor: new DraftSequenceTokenPredictor(context.getSequence(), { minTokens: 1, maxTokens: 8, minConfidence: 0 }), dispose: async () => { await context.dispose(); await model.dispose(); } };
}

async function speculate(l: Llama, label: string, make: () => Promise<{ predictor: TokenPredictor; dispose: () => Promise<void> }>): Promise<void> {
  const model = await l.loadModel({ modelPath: models.q8_0 });
  const context = await model.createContext({ contextSize, threads: { ideal: threads, min: threads } });
  const made = await make();
  const sequence = context.getSequence({ tokenPredictor: made.predictor });
  let produced = 0;
  for await (const _t of sequence.evaluate(tokens, { temperature: 0 })) if (++produced >= 64) break;
  const p = sequence.tokenPredictions;
  const rate = p.validated + p.refuted > 0 ? `${((p.validated / (p.validated + p.refuted)) * 100).toFixed(0)}%` : "—";
  console.log(`| ${label} | tiny Q8_0 | ${produced} | ${p.validated} | ${p.refuted} | ${rate} |`);
  await context.dispose();
  await made.dispose();
  await model.dispose();
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
