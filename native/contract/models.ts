// The model library: GGUF files the user added or that other apps (LM Studio, Ollama, GPT4All, the
// Hugging Face cache) already downloaded, listed in place, never copied. A model's identity for
// policy and audit is its file SHA-256; until that has been computed, `id` (a hash of the absolute
// path) names the entry so the UI can act on it at once.
import { z } from "zod";
import { defineMethods } from "./define.ts";

export const ModelSource = z.enum(["user", "lmstudio", "ollama", "gpt4all", "hf-cache", "download"]);
export type ModelSource = z.infer<typeof ModelSource>;

export const FitVerdict = z.enum(["fits", "tight", "wont-fit", "unknown"]);
export type FitVerdict = z.infer<typeof FitVerdict>;

export const MemoryEstimate = z.object({
  contextSize: z.number().int(),
  gpuLayers: z.number().int(),
  /** Bytes of system RAM the model plus its context are expected to take. */
  ramBytes: z.number(),
  /** Bytes of GPU memory (0 on CPU-only machines). */
  vramBytes: z.number(),
  /** Free memory the verdict was made against. */
  freeRamBytes: z.number(),
  freeVramBytes: z.number(),
  verdict: FitVerdict,
});
export type MemoryEstimate = z.infer<typeof MemoryEstimate>;

export const ModelEntry = z.object({
  /** Stable id for this file on this machine: sha256 of the absolute path, first 16 hex chars. */
  id: z.string(),
  path: z.string(),
  /** A friendlier name for files whose on-disk name is a digest (Ollama blobs). */
  displayName: z.string(),
  source: ModelSource,
  sizeBytes: z.number(),
  mtimeMs: z.number(),
  /** Hex SHA-256 of the file once computed (cached by path + size + mtime). */
  sha256: z.string().nullable(),
  name: z.string().nullable(),
  architecture: z.string().nullable(),
  parameterCount: z.number().nullable(),
  /** Quantization label as users know it: "Q4_0", "Q8_0", "F16", "Q4_K_M", … */
  quant: z.string().nullable(),
  contextLength: z.number().nullable(),
  hasChatTemplate: z.boolean(),
  license: z.string().nullable(),
  /** Same base model, different quantization → same key. */
  groupKey: z.string(),
  /** "model" for loadable LLMs, "adapter" for LoRA adapters, "embedding" for embedding-only models. */
  kind: z.enum(["model", "adapter", "embedding"]),
  /** Set when the file could not be read as a GGUF: the entry stays listed, with the reason. */
  error: z.string().nullable(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ModelGroup = z.object({
  key: z.string(),
  name: z.string(),
  architecture: z.string().nullable(),
  parameterCount: z.number().nullable(),
  variants: z.array(ModelEntry.extend({ estimate: MemoryEstimate.nullable() })),
});
export type ModelGroup = z.infer<typeof ModelGroup>;

export const ModelFolder = z.object({
  path: z.string(),
  source: ModelSource,
  /** Folders of other apps are found automatically; user folders are added explicitly. */
  auto: z.boolean(),
  exists: z.boolean(),
});
export type ModelFolder = z.infer<typeof ModelFolder>;

/** Resident memory a load of the file really took on this machine (RSS growth of the engine from
 *  before the load to after the context was made and one token evaluated, so every weight page is
 *  in memory; the context's cache grows further as a conversation fills it). */
export const MeasuredMemory = z.object({
  ramBytes: z.number().min(0),
  contextSize: z.number().int(),
  gpuLayers: z.number().int(),
  measuredAt: z.string(),
});
export type MeasuredMemory = z.infer<typeof MeasuredMemory>;

/** Where a model is given by the caller: a library id, a SHA-256, or a file path. */
export const ModelRef = z.string().min(1).describe("library id, sha256 or path to a .gguf file");

const EstimateOptions = z.object({
  contextSize: z.number().int().min(64).max(1 << 20).optional(),
  gpuLayers: z.union([z.literal("auto"), z.number().int().min(0)]).optional(),
});

export const modelMethods = defineMethods({
  "models.list": {
    summary: "Every model in the library, grouped by base model with a memory estimate per variant.",
    input: z.object({ rescan: z.boolean().optional() }).extend(EstimateOptions.shape),
    output: z.object({ groups: z.array(ModelGroup), folders: z.array(ModelFolder), scanErrors: z.array(z.object({ path: z.string(), message: z.string() })) }),
  },
  "models.inspect": {
    summary: "Metadata of one GGUF file (in the library or not), with a memory estimate.",
    input: z.object({ model: ModelRef }).extend(EstimateOptions.shape),
    output: ModelEntry.extend({
      estimate: MemoryEstimate.nullable(),
      chatTemplate: z.string().nullable(),
      metadata: z.record(z.string(), z.unknown()),
      /** Set once the file has been loaded on this machine: what it measured, beside the estimate. */
      measured: MeasuredMemory.nullable().optional(),
    }),
  },
  "models.addFolder": {
    summary: "Add a folder to scan for GGUF files (kept across restarts); returns what it holds.",
    input: z.object({ path: z.string().min(1) }),
    output: z.object({ folder: ModelFolder, models: z.array(ModelEntry) }),
  },
  "models.removeFolder": {
    summary: "Stop scanning a user folder (files are not touched).",
    input: z.object({ path: z.string().min(1) }),
    output: z.object({ removed: z.boolean() }),
  },
  "models.hash": {
    summary: "SHA-256 of a model file (streamed, with progress; cached by path, size and mtime).",
    input: z.object({ model: ModelRef }),
    output: z.object({ id: z.string(), path: z.string(), sha256: z.string(), cached: z.boolean() }),
  },
  "models.download": {
    summary: "Download a GGUF by hf: URI or https URL into the models folder, resumable and cancellable.",
    input: z.object({ uri: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/i).optional() }),
    output: z.object({ model: ModelEntry }),
  },
});
