// The quant lab: what each quantization of one model costs on the user's own text. For the variants
// of a model group it measures prefill and decode speed, resident memory beside the estimate,
// perplexity, and the KL divergence of each variant's next-token distribution from the largest
// variant's. Results are cached per file SHA-256 and sample, so a second run is instant.
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { ModelRef } from "./models.ts";

export const QuantLabSample = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().trim().min(1, "Paste some text to measure on.").max(200_000) }),
  z.object({ kind: z.literal("collection"), collection: z.string().min(1) }),
]);
export type QuantLabSample = z.infer<typeof QuantLabSample>;

export const QuantLabResult = z.object({
  modelId: z.string(),
  path: z.string(),
  displayName: z.string(),
  quant: z.string().nullable(),
  sha256: z.string(),
  sizeBytes: z.number(),
  /** The variant the others are compared with (the largest file: the least quantized). */
  reference: z.boolean(),
  threads: z.number().int(),
  /** Tokens of the sample scored (perplexity and KL are over `tokens - 1` predictions). */
  tokens: z.number().int(),
  prefillTokensPerSecond: z.number(),
  decodeTokensPerSecond: z.number(),
  /** Process RSS growth while the variant was loaded and had evaluated the sample. */
  measuredRamBytes: z.number(),
  /** node-llama-cpp's estimate for the same context size, for comparison; null when it failed. */
  estimatedRamBytes: z.number().nullable(),
  perplexity: z.number(),
  /** Mean KL(reference ‖ variant) in nats per token; 0 for the reference itself. */
  klDivergence: z.number(),
  /** Share of positions where the variant's most likely token is the reference's. */
  topTokenAgreement: z.number(),
  measuredAt: z.string(),
  /** Taken from the cache rather than measured in this run. */
  cached: z.boolean(),
});
export type QuantLabResult = z.infer<typeof QuantLabResult>;

export const QuantLabReport = z.object({
  groupKey: z.string(),
  sampleHash: z.string(),
  sampleTokens: z.number().int(),
  contextSize: z.number().int(),
  results: z.array(QuantLabResult),
  /** Variants that could not be measured, with the reason (too large, unreadable, another vocabulary). */
  skipped: z.array(z.object({ modelId: z.string(), displayName: z.string(), reason: z.string() })),
});
export type QuantLabReport = z.infer<typeof QuantLabReport>;

export const QuantLabRunInput = z.object({
  /** The model group (ModelGroup.key) whose variants are compared. */
  group: z.string().min(1),
  /** A subset of the group's variants; all loadable ones when left out. */
  models: z.array(ModelRef).optional(),
  sample: QuantLabSample,
  /** Threads for prefill and decode; defaults to the engine's thread setting or the machine's cores. */
  threads: z.number().int().min(1).max(256).optional(),
  /** How many sample tokens to score (capped so the reference distributions fit in 256 MB). */
  maxTokens: z.number().int().min(16).max(4096).optional(),
  /** Tokens generated for the decode speed. */
  decodeTokens: z.number().int().min(2).max(512).optional(),
  /** Measure again even when cached. */
  fresh: z.boolean().optional(),
});
export type QuantLabRunInput = z.infer<typeof QuantLabRunInput>;

export const quantLabMethods = defineMethods({
  "quantLab.run": {
    summary: "Measure every quant variant of a model on a sample: speed, memory, perplexity and KL divergence from the largest variant (cached per file and sample; progress; cancellable).",
    input: QuantLabRunInput,
    output: QuantLabReport,
  },
});
