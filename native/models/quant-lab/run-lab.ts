// One quant lab run: picks the variants of a model group, hashes them, takes what the cache already
// has, and measures the rest one model at a time (never two lab models in memory together). The
// largest file is the reference: its next-token distributions are what every other variant's KL
// divergence is measured against, so it is evaluated whenever anything else needs measuring.
import type { Llama, Token } from "node-llama-cpp";
import { EngineError } from "../../contract/errors.ts";
import type { MemoryEstimate, ModelEntry, ModelGroup } from "../../contract/models.ts";
import type { QuantLabReport, QuantLabResult, QuantLabRunInput } from "../../contract/quant-lab.ts";
import { maxScoredTokens } from "./distribution.ts";
import { QuantLabCache, type ResultKey, type StoredResult } from "./cache.ts";
import { measureFootprint } from "./footprint.ts";
import { scoreVariant, vocabularySize, type VariantScore } from "./score-variant.ts";
import { sampleHash, sampleText, type PassageSource } from "./sample.ts";

export const DEFAULT_MAX_TOKENS = 256;
export const DEFAULT_DECODE_TOKENS = 32;

export interface QuantLabDeps {
  llama: () => Promise<Llama>;
  groups: () => Promise<ModelGroup[]>;
  hash: (entry: ModelEntry, signal: AbortSignal) => Promise<string>;
  estimate: (entry: ModelEntry, contextSize: number) => Promise<MemoryEstimate | null>;
  passages: PassageSource;
  cache: QuantLabCache;
  threads: () => number;
  gpu: "auto" | false;
  gpuLayers: () => "auto" | number;
}

export interface LabProgress {
  fraction: number;
  message: string;
  current: number;
  total: number;
}

type Skipped = QuantLabReport["skipped"][number];

export async function runQuantLab(deps: QuantLabDeps, input: QuantLabRunInput, ctx: { signal: AbortSignal; onProgress: (p: LabProgress) => void }): Promise<QuantLabReport> {
  const { signal } = ctx;
  const group = (await deps.groups()).find((g) => g.key === input.group);
  if (!group) throw new EngineError("MODEL_NOT_FOUND", `No model group "${input.group}" in the library.`);
  const variants = chooseVariants(group, input.models);
  if (variants.length === 0) throw new EngineError("INVALID_INPUT", `"${group.name}" has no loadable variant to measure.`);
  const reference = variants[0]!; // sorted largest first
  const threads = input.threads ?? deps.threads();
  const maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
  const decodeTokens = input.decodeTokens ?? DEFAULT_DECODE_TOKENS;
  const text = await sampleText(input.sample, maxTokens, deps.passages, signal);
  const hash = sampleHash(text, maxTokens);

  const total = variants.length + 1; // hashing, then one step per variant
  const progress = (done: number, within: number, message: string) =>
    ctx.onProgress({ fraction: Math.min(1, (done + within) / total), message, current: done, total });

  progress(0, 0, "Identifying the files (SHA-256)");
  const shas = new Map<string, string>();
  for (const v of variants) shas.set(v.id, await deps.hash(v, signal));
  const keyOf = (v: ModelEntry): ResultKey => ({ variantSha256: shas.get(v.id)!, referenceSha256: shas.get(reference.id)!, sampleHash: hash, threads, decodeTokens });

  const cached = new Map<string, StoredResult>();
  if (!input.fresh) {
    for (const v of variants) {
      const hit = await deps.cache.get(keyOf(v));
      if (hit) cached.set(v.id, hit);
    }
  }
  const skipped: Skipped[] = [];
  const results: QuantLabResult[] = [];
  const todo = variants.filter((v) => !cached.has(v.id));
  let sampleInfo = cached.size > 0 ? { tokens: [...cached.values()][0]!.tokens, contextSize: 0 } : null;

  if (todo.length > 0) {
    const llama = await deps.llama();
    // The reference's tokens and distributions: needed for any variant still to measure.
    const tokens = await tokenizeSample(llama, reference.path, text, maxTokens);
    const contextSize = tokens.tokens.length + decodeTokens + 16;
    sampleInfo = { tokens: tokens.tokens.length, contextSize };
    let step = 1;
    const measure = async (v: ModelEntry, ref: Float32Array[] | null): Promise<VariantScore | null> => {
      const label = `${v.displayName}${v.quant ? ` (${v.quant})` : ""}`;
      const estimate = await deps.estimate(v, contextSize);
      progress(step, 0, `${label}: timing prefill and decode, measuring memory`);
      if (estimate?.verdict === "wont-fit") {
        skipped.push({ modelId: v.id, displayName: v.displayName, reason: "It does not fit in the memory free now." });
        return null;
      }
      try {
        const gpuLayers = deps.gpuLayers();
        // A cached reference is evaluated again only for its distributions, not timed again.
        const speed = cached.has(v.id)
          ? null
          : await measureFootprint({ path: v.path, tokens: tokens.tokens, threads, decodeTokens, contextSize, gpu: deps.gpu, gpuLayers }, signal);
        progress(step, 0.3, `${label}: scoring the sample`);
        const m = await scoreVariant(llama, {
          path: v.path,
          tokens: tokens.tokens,
          threads,
          contextSize,
          gpuLayers,
          reference: ref,
          vocabSize: tokens.vocabSize,
          signal,
          onProgress: (f) => progress(step, 0.3 + 0.7 * f, `${label}: scoring the sample`),
        });
        if (speed) {
          const stored: StoredResult = {
            modelId: v.id,
            path: v.path,
            displayName: v.displayName,
            quant: v.quant,
            sha256: shas.get(v.id)!,
            sizeBytes: v.sizeBytes,
            reference: v.id === reference.id,
            threads,
            tokens: tokens.tokens.length,
            ...speed,
            estimatedRamBytes: estimate?.ramBytes ?? null,
            perplexity: m.perplexity,
            klDivergence: m.klDivergence,
            topTokenAgreement: m.topTokenAgreement,
            measuredAt: new Date().toISOString(),
          };
          await deps.cache.set(keyOf(v), stored);
          results.push({ ...stored, cached: false });
        }
        return m;
      } catch (err) {
        if (signal.aborted) throw new EngineError("ABORTED", "The quant lab run was cancelled.");
        if (v.id === reference.id) throw err;
        skipped.push({ modelId: v.id, displayName: v.displayName, reason: err instanceof Error ? err.message : String(err) });
        return null;
      } finally {
        step += 1;
      }
    };
    const ref = await measure(reference, null);
    if (!ref?.distributions) {
      const why = skipped.find((s) => s.modelId === reference.id)?.reason ?? "no distributions were kept";
      throw new EngineError("OUT_OF_MEMORY", `The reference ${reference.displayName} could not be measured: ${why} Choose a smaller set of variants.`);
    }
    for (const v of variants.slice(1)) {
      if (cached.has(v.id)) step += 1;
      else await measure(v, ref.distributions);
    }
  }
  signal.throwIfAborted();
  progress(total, 0, "Done");
  for (const [, hit] of cached) results.push({ ...hit, cached: true });
  const order = new Map(variants.map((v, i) => [v.id, i]));
  results.sort((a, b) => (order.get(a.modelId) ?? 0) - (order.get(b.modelId) ?? 0));
  return { groupKey: group.key, sampleHash: hash, sampleTokens: sampleInfo?.tokens ?? 0, contextSize: sampleInfo?.contextSize ?? 0, results, skipped };
}

/** Loadable variants, optionally a chosen subset, largest (least quantized) first. */
export function chooseVariants(group: ModelGroup, refs: readonly string[] | undefined): ModelEntry[] {
  const loadable = group.variants.filter((v) => v.kind === "model" && !v.error);
  const wanted = refs ? loadable.filter((v) => refs.some((r) => r === v.id || r === v.path || r === v.sha256)) : loadable;
  return [...wanted].sort((a, b) => b.sizeBytes - a.sizeBytes || a.path.localeCompare(b.path));
}

/** Tokenizes with the reference's vocabulary (BOS first, as a model sees a document). */
async function tokenizeSample(llama: Llama, path: string, text: string, maxTokens: number): Promise<{ tokens: Token[]; vocabSize: number }> {
  const model = await llama.loadModel({ modelPath: path, vocabOnly: true });
  try {
    const vocabSize = vocabularySize(model);
    const limit = Math.min(maxTokens, maxScoredTokens(vocabSize));
    const tokens = [...(model.tokens.bos !== null ? [model.tokens.bos] : []), ...model.tokenize(text)].slice(0, limit);
    if (tokens.length < 2) throw new EngineError("INVALID_INPUT", "The sample is too short: it needs at least two tokens.");
    return { tokens, vocabSize };
  } finally {
    await model.dispose();
  }
}
