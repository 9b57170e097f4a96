// Reproduction for node-llama-cpp upstream (3.21.1): asking for a generated token's confidence with
// greedy sampling costs a full sort of the vocabulary per token. `AddonContextSampleTokenWorker::
// SampleToken` (llama/addon/AddonContext.cpp) std::sorts every candidate when `returnConfidence` is
// set and the chain left them unsorted, which the greedy chain always does; the confidence only
// needs the sampled token's softmax probability (one max and one sum over the logits). A speculative
// draft (`DraftSequenceTokenPredictor`) evaluates with `confidence: true` on every token it
// proposes, so greedy speculative decoding pays it per drafted token.
// Public API only: `sequence.evaluateWithMetadata(tokens, { confidence }, { temperature: 0 })`,
// the same tokens with and without the confidence, CPU time per token.
// Usage: node --import tsx scripts/repro-confidence-sort.ts [--model file.gguf] [--vocab 151936] [--tokens 64]
import { parseArgs } from "node:util";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { getVocabModel } from "../test/fixtures/vocab-models.ts";
import { timed } from "./per-token-time.ts";

const { values } = parseArgs({ options: { model: { type: "string" }, vocab: { type: "string", default: "32000,151936" }, tokens: { type: "string", default: "64" } } });
const tokens = Number(values.tokens);
const models = values.model ? [values.model] : await Promise.all(values.vocab.split(",").map((n) => getVocabModel(Number(n))));

const llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
try {
  console.log("| model | vocabulary | greedy, CPU ms/token | greedy + confidence, CPU ms/token | difference |");
  console.log("|---|---|---|---|---|");
  for (const modelPath of models) {
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext({ contextSize: 1024, threads: { ideal: 1, min: 1 } });
    const sequence = context.getSequence();
    const prompt = model.tokenize("Summarise why analysts keep confidential documents on their own machine.");
    const perToken = async (confidence: boolean) => {
      await sequence.clearHistory();
      const iterator = sequence.evaluateWithMetadata(prompt, { confidence }, { temperature: 0 })[Symbol.asyncIterator]();
      await iterator.next(); // the prefill and the first token, not timed
      const result = await timed(tokens, async () => {
        for (let i = 0; i < tokens; i++) await iterator.next();
      });
      await iterator.return?.();
      return result.cpuMs;
    };
    const [plain, withConfidence] = [await perToken(false), await perToken(true)];
    console.log(`| ${modelPath.split("/").pop()} | ${model.fileInfo.metadata.tokenizer.ggml.tokens.length} | ${plain.toFixed(2)} | ${withConfidence.toFixed(2)} | ${(withConfidence - plain).toFixed(2)} |`);
    await context.dispose();
    await model.dispose();
  }
} finally {
  await llama.dispose();
}
