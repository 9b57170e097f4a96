// Scores one quant variant on the sample: the probability it gives the token that really came next
// at every position (perplexity) and, against the reference's next-token distributions, the KL
// divergence and top-token agreement. Speed and memory are measured apart, in a fresh process
// (footprint.ts). The model and context are disposed before this returns, whatever happens.
import type { Llama, LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { EngineError } from "../../contract/errors.ts";
import { argmax, denseDistribution, klDivergence, QualityTally } from "./distribution.ts";

/** Positions scored per controlledEvaluate call: each holds a vocabulary-sized map until processed. */
const SCORE_CHUNK = 16;

export interface ScoreOptions {
  path: string;
  /** The sample, as the reference model tokenized it (same vocabulary for every variant). */
  tokens: readonly Token[];
  threads: number;
  contextSize: number;
  gpuLayers: "auto" | number;
  /** The reference's next-token distribution per position; null when this is the reference. */
  reference: readonly Float32Array[] | null;
  vocabSize: number;
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface VariantScore {
  perplexity: number;
  klDivergence: number;
  topTokenAgreement: number;
  /** This variant's distributions per position (kept only for the reference, to compare the rest). */
  distributions: Float32Array[] | null;
}

/** Vocabulary size from the GGUF's token list (every variant of a model must share it). */
export function vocabularySize(model: LlamaModel): number {
  const tokens: unknown = model.fileInfo.metadata.tokenizer?.ggml?.tokens;
  if (!Array.isArray(tokens) || tokens.length === 0) throw new EngineError("INVALID_MODEL_FILE", "The model has no token list in its metadata.");
  return tokens.length;
}

export async function scoreVariant(llama: Llama, options: ScoreOptions): Promise<VariantScore> {
  options.signal.throwIfAborted();
  const model = await llama.loadModel({ modelPath: options.path, gpuLayers: options.gpuLayers, loadSignal: options.signal });
  try {
    const vocab = vocabularySize(model);
    if (vocab !== options.vocabSize) {
      throw new EngineError("INVALID_INPUT", `its vocabulary has ${vocab} tokens, the reference's ${options.vocabSize}: the distributions cannot be compared`);
    }
    const context = await model.createContext({ contextSize: options.contextSize, sequences: 1, threads: { ideal: options.threads, min: options.threads } });
    try {
      return await scoreSample(context.getSequence(), options);
    } finally {
      await context.dispose();
    }
  } finally {
    await model.dispose();
  }
}

async function scoreSample(
  sequence: LlamaContextSequence,
  options: ScoreOptions,
): Promise<{ perplexity: number; klDivergence: number; topTokenAgreement: number; distributions: Float32Array[] | null }> {
  const { tokens, reference, vocabSize } = options;
  const positions = tokens.length - 1; // the last token has nothing after it to predict
  const tally = new QualityTally();
  const kept: Float32Array[] | null = reference ? null : [];
  for (let start = 0; start < tokens.length; start += SCORE_CHUNK) {
    options.signal.throwIfAborted();
    const chunk = tokens.slice(start, start + SCORE_CHUNK);
    const outputs = await sequence.controlledEvaluate(
      chunk.map((token, i) => (start + i < positions ? [token, { generateNext: { probabilities: true } }] : token)),
    );
    for (let i = 0; i < chunk.length && start + i < positions; i++) {
      const position = start + i;
      const probabilities = outputs[i]?.next.probabilities;
      if (!probabilities) throw new EngineError("INTERNAL", `llama.cpp returned no probabilities at position ${position}`);
      const q = denseDistribution(probabilities, vocabSize);
      const p = reference ? reference[position]! : q;
      tally.add(q[tokens[position + 1]!]!, reference ? klDivergence(p, q) : 0, argmax(p) === argmax(q));
      kept?.push(q);
    }
    options.onProgress?.(Math.min(1, (start + chunk.length) / tokens.length));
  }
  return { ...tally.result(), distributions: kept };
}
