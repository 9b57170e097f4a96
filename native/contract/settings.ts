// User settings the engine honours. A managed policy (later) may override any of them; `locked`
// names the keys the policy fixed so the UI can show them as such.
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { GpuLayers } from "./inference.ts";
import { Sampling } from "./conversations.ts";

export const Settings = z.object({
  /** Manual thread count for generation; null → measured per machine and model. */
  threads: z.number().int().min(1).max(1024).nullable(),
  contextSize: z.number().int().min(128).max(1 << 20),
  gpuLayers: GpuLayers,
  /** When true, every non-loopback connection of the engine is refused (and audited). */
  offline: z.boolean(),
  /** Where downloaded models go; null → `<dataDir>/models`. */
  downloadDir: z.string().nullable(),
  defaultSystemPrompt: z.string(),
  /** GGUF used to embed documents (library id, sha256 or path); null → full-text search only. */
  embeddingModel: z.string().nullable(),
  /** Optional cross-encoder reranker GGUF for search results. */
  rerankerModel: z.string().nullable(),
  /** OCR pages without a text layer while ingesting PDFs. */
  ocr: z.boolean(),
  sampling: Sampling,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  threads: null,
  contextSize: 4096,
  gpuLayers: "auto",
  // A fresh install is offline until the user (or a download they start) explicitly goes online.
  offline: true,
  downloadDir: null,
  defaultSystemPrompt: "You are a helpful assistant.",
  embeddingModel: null,
  rerankerModel: null,
  ocr: true,
  sampling: { temperature: 0.7, topP: 0.95, topK: 40, minP: 0.05, repeatPenalty: 1.1, maxTokens: 2048 },
};

export const settingsMethods = defineMethods({
  "settings.get": {
    summary: "Current settings and which keys a policy has locked.",
    input: z.object({}),
    output: z.object({ settings: Settings, locked: z.array(z.string()) }),
  },
  "settings.update": {
    summary: "Change some settings; locked keys are refused.",
    input: Settings.partial(),
    output: z.object({ settings: Settings, locked: z.array(z.string()) }),
  },
});
