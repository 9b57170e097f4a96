// `rag.evalModels`: the retrieval evaluation (`rag.eval`) plus an answer from each chosen model (or
// quant, with or without LoRA adapters) for every question, side by side: answers containing the
// expected text, citation verification rate, time to first token, tokens/s, tokens per answer and an
// energy estimate. Retrieval runs once and every model answers from the same passages, so the rows
// differ only by the model. "Measure accuracy, latency and cost on your own cases before adopting."
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { LoraAdapter } from "./inference.ts";
import { ModelRef } from "./models.ts";
import { EvalReport, ragEvalMethods } from "./rag-eval.ts";
import { SpeculativeOption } from "./speculative.ts";

/** Stated power figure used when the caller gives none: watts drawn per busy CPU core. */
export const DEFAULT_WATTS_PER_CORE = 15;

export const EvalModelSpec = z.object({
  model: ModelRef,
  lora: z.array(LoraAdapter).max(8).optional(),
  contextSize: z.number().int().min(128).max(1 << 20).optional(),
  threads: z.number().int().min(1).max(1024).optional(),
  speculative: SpeculativeOption.optional(),
});
export type EvalModelSpec = z.infer<typeof EvalModelSpec>;

export const EvalAnswer = z.object({
  line: z.number().int(),
  question: z.string(),
  text: z.string(),
  /** Whether the answer contains the set's expected answer (case and spacing ignored); null when the set gives none. */
  containsExpected: z.boolean().nullable(),
  citations: z.number().int(),
  verifiedCitations: z.number().int(),
  ttftMs: z.number(),
  outputTokens: z.number().int(),
  tokensPerSecond: z.number(),
  cpuMs: z.number(),
});
export type EvalAnswer = z.infer<typeof EvalAnswer>;

export const EvalModelRow = z.object({
  modelId: z.string(),
  modelName: z.string(),
  quant: z.string().nullable(),
  sha256: z.string().nullable(),
  lora: z.array(z.object({ path: z.string(), scale: z.number() })),
  threads: z.number().int(),
  loadMs: z.number(),
  /** Questions of the set that give an expected answer (the denominator of answerContains). */
  withExpected: z.number().int(),
  /** Fraction of those answers that contain it; null when the set gives no expected answers. */
  answerContains: z.number().nullable(),
  /** Cited sources whose quoted words were all found in them, over all cited sources (a source cited
   *  without a quote is not verified); null when no answer cited anything. */
  citationVerifiedRate: z.number().nullable(),
  citationsPerAnswer: z.number(),
  /** Means per answer. */
  ttftMs: z.number(),
  tokensPerSecond: z.number(),
  tokensPerAnswer: z.number(),
  /** CPU time of the engine process while answering (all threads), per answer. */
  cpuMsPerAnswer: z.number(),
  /** cpuMsPerAnswer × wattsPerCore: an estimate, not a measurement (GPU time is not counted). */
  joulesPerAnswer: z.number(),
  /** Speculative decoding, when the spec asked for it: validated / (validated + refuted) over the set. */
  acceptanceRate: z.number().nullable().optional(),
  /** Every answer, when `answers` was asked for. */
  answers: z.array(EvalAnswer).optional(),
});
export type EvalModelRow = z.infer<typeof EvalModelRow>;

export const ModelEvalReport = z.object({
  collection: z.string(),
  questions: z.number().int(),
  retrieval: EvalReport,
  wattsPerCore: z.number(),
  maxTokens: z.number().int(),
  models: z.array(EvalModelRow),
  ms: z.number(),
});
export type ModelEvalReport = z.infer<typeof ModelEvalReport>;

export const modelEvalMethods = defineMethods({
  "rag.evalModels": {
    summary: "Run an evaluation set against a collection with each given model (quant, LoRA): retrieval once, then answer quality, citations, latency, tokens and an energy estimate per model.",
    // rag.eval's input (collection, the set's text and format, k, mode) and the models to compare.
    input: ragEvalMethods["rag.eval"].input.extend({
      models: z.array(EvalModelSpec).min(1).max(16),
      /** Greedy by default, so runs are comparable; maxTokens caps each answer (default 256). */
      maxTokens: z.number().int().min(1).max(8192).optional(),
      temperature: z.number().min(0).max(5).optional(),
      wattsPerCore: z.number().positive().max(1000).optional(),
      /** Return every answer's text and figures, not only the rows. */
      answers: z.boolean().optional(),
    }),
    output: ModelEvalReport,
  },
});
