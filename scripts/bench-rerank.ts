// The cross-encoder's cost: scoring 20 passages of the chunker's size (~320 tokens, what the
// retriever hands the reranker) against one question, on the CPU. The catalog offers no reranker
// GGUF and none can be fetched here, so the model is generated (test/fixtures/reranker-model.ts):
// a qwen3-layout reranker of BENCH_SHAPE (≈0.3 B parameters, Q8_0), the size class of
// bge-reranker-base / Qwen3-Reranker-0.6B. Its random weights make the timing real and the scores
// meaningless: this measures cost, not quality.
// Usage: node --import tsx scripts/bench-rerank.ts [--threads N] [--runs N]
import { readFile } from "node:fs/promises";
import { getRerankerModel } from "../test/fixtures/reranker-model.ts";
import { BENCH_SHAPE } from "../test/fixtures/test-models.ts";
import { LlamaRuntime } from "../native/inference/llama-runtime.ts";
import { CrossEncoder } from "../native/rag/retrieve/cross-encoder.ts";
import { estimateTokens } from "../native/rag/ingest/pipeline.ts";
import { QUESTIONS } from "./eval-corpus.ts";
import { median } from "./median.ts";

const args = process.argv.slice(2);
const optionOf = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const threads = optionOf("--threads", 2);
const runs = optionOf("--runs", 5);
const PASSAGES = 20;
const PASSAGE_TOKENS = 320;

// Passages of real prose: the public set's questions and answers, cut to the chunker's size.
const sentences = (await readFile(QUESTIONS, "utf8")).split("\n").filter((l) => l.trim()).map((l) => {
  const q = JSON.parse(l) as { question: string; answer?: string };
  return `${q.question} ${q.answer ?? ""}`.trim();
});
const passages: string[] = [];
let at = 0;
while (passages.length < PASSAGES) {
  let text = "";
  while (estimateTokens(text) < PASSAGE_TOKENS) text += `${sentences[at++ % sentences.length]} `;
  passages.push(text.trim());
}

const tGen = performance.now();
const modelPath = await getRerankerModel(BENCH_SHAPE, "Q8_0");
const genS = (performance.now() - tGen) / 1000;
const runtime = new LlamaRuntime({ gpu: false, maxThreads: threads });
const tLoad = performance.now();
const ce = await CrossEncoder.load({ runtime, modelPath, gpuLayers: 0, threads, contextSize: 1024 });
const loadMs = performance.now() - tLoad;
try {
  const question = "How should a gnuplot script now test whether a variable was ever defined?";
  await ce.rank(question, passages.slice(0, 2)); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await ce.rank(question, passages);
    times.push(performance.now() - t);
  }
  const med = median(times);
  console.log(`reranker: generated qwen3 layout, ${BENCH_SHAPE.nLayer} layers × ${BENCH_SHAPE.nEmbd}, Q8_0, CPU, ${threads} threads (model ${genS > 1 ? `generated in ${genS.toFixed(0)} s, ` : ""}loaded in ${loadMs.toFixed(0)} ms)`);
  console.log(`${PASSAGES} passages of ~${PASSAGE_TOKENS} estimated tokens, ${runs} runs: median ${med.toFixed(0)} ms (${(med / PASSAGES).toFixed(0)} ms per passage), min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
} finally {
  await ce.dispose();
  await runtime.dispose();
}
