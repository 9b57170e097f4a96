// Builds the token predictor a load asked for, and owns what it needs: a draft model and its
// context live exactly as long as the main model's sequence (the host disposes them together).
import type { Llama, LlamaContextSequence, TokenPredictor } from "node-llama-cpp";
import { importLlama } from "./llama-module.ts";
import type { SpeculativeInfo, SpeculativeOption, SpeculativeStats } from "../contract/speculative.ts";
import { acceptanceRate } from "../contract/speculative.ts";
import { loadError } from "./load-errors.ts";

export interface SpeculativeSetup {
  predictor: TokenPredictor;
  info: SpeculativeInfo;
  dispose(): Promise<void>;
}

export interface DraftRequest {
  llama: Llama;
  /** The draft's file, already resolved from the library. */
  path: string;
  contextSize: number;
  threads: number;
  gpuLayers: "auto" | "max" | number;
  signal: AbortSignal;
}

export async function createSpeculative(option: SpeculativeOption, draft: () => Promise<DraftRequest>): Promise<SpeculativeSetup> {
  const { DraftSequenceTokenPredictor, InputLookupTokenPredictor } = await importLlama();
  if (option === "prompt-lookup") {
    return { predictor: new InputLookupTokenPredictor(), info: { predictor: "prompt-lookup", draftPath: null }, dispose: async () => undefined };
  }
  const req = await draft();
  let model;
  try {
    model = await req.llama.loadModel({ modelPath: req.path, gpuLayers: req.gpuLayers, loadSignal: req.signal });
  } catch (err) {
    throw loadError(err, { path: req.path, reason: undefined });
  }
  try {
    const context = await model.createContext({ contextSize: req.contextSize, sequences: 1, threads: { ideal: req.threads, min: req.threads } });
    const predictor = new DraftSequenceTokenPredictor(context.getSequence(), {
      // Wait for at least one drafted token per step: with node-llama-cpp's default (0) the main
      // model raced ahead of the draft and nothing was ever predicted (measured on the test models).
      minTokens: 1,
      maxTokens: option.maxDraftTokens ?? 8, ...(option.minConfidence !== undefined && { minConfidence: option.minConfidence }) });
    return {
      predictor,
      info: { predictor: "draft", draftPath: req.path },
      async dispose() {
        await predictor.dispose();
        await context.dispose();
        await model.dispose();
      },
    };
  } catch (err) {
    await model.dispose();
    throw err;
  }
}

/** Predictions validated and refuted during one answer (the sequence counts since it was made). */
export function speculativeStats(info: SpeculativeInfo, before: LlamaContextSequence["tokenPredictions"], after: LlamaContextSequence["tokenPredictions"]): SpeculativeStats {
  const validated = after.validated - before.validated;
  const refuted = after.refuted - before.refuted;
  return { predictor: info.predictor, validated, refuted, acceptanceRate: acceptanceRate(validated, refuted) };
}
