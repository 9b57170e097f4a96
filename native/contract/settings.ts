// User settings the engine honours. A managed policy (later) may override any of them; `locked`
// names the keys the policy fixed so the UI can show them as such.
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { GpuLayers } from "./inference.ts";
import { Sampling } from "./conversations.ts";

export const ApiServerSettings = z.object({
  enabled: z.boolean(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  /** Browser origins allowed to call the API (CORS); empty → none. */
  corsOrigins: z.array(z.string()),
  /** Serve Prometheus metrics at /metrics. */
  metrics: z.boolean(),
});
export type ApiServerSettings = z.infer<typeof ApiServerSettings>;

/** A model served by an OpenAI-compatible endpoint (vLLM, llama.cpp's server, Ollama, another
 *  Enclave) instead of a local GGUF. Its API key is kept apart (remote.setKey), never in settings. */
export const RemoteModel = z.object({
  /** The name Enclave and its API clients use for it. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, "letters, digits, '.', '_', ':', '-'"),
  /** The endpoint's base URL, ending in /v1. */
  baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), "http:// or https://"),
  /** The model's name on that endpoint. */
  model: z.string().min(1),
  /** Its context size in tokens, when known: grounded answers fit their sources to it (absent → contextSize). */
  contextSize: z.number().int().min(128).max(1 << 20).optional(),
});
export type RemoteModel = z.infer<typeof RemoteModel>;

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
  /**
   * Without an embedding model: the loaded chat model rewrites each search question into the
   * collection's languages, and the rewrites' results are fused with the question's (RRF).
   */
  multiQuery: z.boolean(),
  sampling: Sampling,
  /** The local OpenAI-compatible API server (off by default, loopback only until changed). */
  apiServer: ApiServerSettings,
  /** OpenAI-compatible endpoints used as models (refused while `offline`). */
  remoteModels: z.array(RemoteModel).max(64),
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
  multiQuery: false,
  sampling: { temperature: 0.7, topP: 0.95, topK: 40, minP: 0.05, repeatPenalty: 1.1, maxTokens: 2048 },
  apiServer: { enabled: false, host: "127.0.0.1", port: 8377, corsOrigins: [], metrics: false },
  remoteModels: [],
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
