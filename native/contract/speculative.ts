// Speculative decoding: a cheap predictor proposes the next tokens and the model checks several at
// once. Prompt lookup (node-llama-cpp's InputLookupTokenPredictor) copies continuations from the
// prompt, which suits grounded answers that quote their sources; a draft model (a smaller variant
// of the same family) suits free chat. Output is unchanged; only speed can change. Random-weight
// test models cannot show a real speed-up (their continuations are noise): tests check the mechanics.
import { z } from "zod";
import { ModelRef } from "./models.ts";

export const SpeculativeOption = z.union([
  z.literal("prompt-lookup"),
  z.object({
    draft: ModelRef,
    maxDraftTokens: z.number().int().min(1).max(64).optional(),
    /** The draft stops proposing below this probability (node-llama-cpp's default 0.6; 0 always drafts). */
    minConfidence: z.number().min(0).max(1).optional(),
  }),
]);
export type SpeculativeOption = z.infer<typeof SpeculativeOption>;

export const SpeculativeInfo = z.object({
  predictor: z.enum(["prompt-lookup", "draft"]),
  /** The draft model's file, for a draft predictor. */
  draftPath: z.string().nullable(),
});
export type SpeculativeInfo = z.infer<typeof SpeculativeInfo>;

/** Per answer: predicted tokens the model confirmed (validated) or rejected (refuted). */
export const SpeculativeStats = z.object({
  predictor: z.enum(["prompt-lookup", "draft"]),
  validated: z.number().int(),
  refuted: z.number().int(),
  /** validated / (validated + refuted), or null when nothing was predicted. */
  acceptanceRate: z.number().nullable(),
});
export type SpeculativeStats = z.infer<typeof SpeculativeStats>;

export function acceptanceRate(validated: number, refuted: number): number | null {
  const total = validated + refuted;
  return total > 0 ? validated / total : null;
}
