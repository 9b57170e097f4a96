// Contract-shaped sample data for tests and the screenshot preview.
import type { Conversation, Message } from "../../native/contract/conversations.ts";
import type { ModelGroup, ModelEntry, MemoryEstimate, FitVerdict } from "../../native/contract/models.ts";
import type { LoadedModel } from "../../native/contract/inference.ts";

export function message(partial: Partial<Message> & Pick<Message, "id" | "role" | "text">): Message {
  return { createdAt: "2026-11-29T10:00:00.000Z", ...partial };
}

export function conversation(id: string, messages: Message[] = [], title = "A chat"): Conversation {
  return {
    id,
    title,
    createdAt: "2026-11-29T10:00:00.000Z",
    updatedAt: "2026-11-29T10:05:00.000Z",
    messageCount: messages.length,
    systemPrompt: "You are a helpful assistant.",
    sampling: {},
    messages,
  };
}

export function entry(partial: Partial<ModelEntry> & Pick<ModelEntry, "id">): ModelEntry {
  return {
    path: `/models/${partial.id}.gguf`,
    displayName: partial.id,
    source: "user",
    sizeBytes: 4_370_000_000,
    mtimeMs: 0,
    sha256: null,
    name: "Model",
    architecture: "llama",
    parameterCount: 7_240_000_000,
    quant: "Q4_K_M",
    contextLength: 32768,
    hasChatTemplate: true,
    license: "apache-2.0",
    groupKey: "model",
    kind: "model",
    error: null,
    ...partial,
  };
}

export function estimate(verdict: FitVerdict, ramBytes = 5_100_000_000): MemoryEstimate {
  return { contextSize: 4096, gpuLayers: 0, ramBytes, vramBytes: 0, freeRamBytes: 12_000_000_000, freeVramBytes: 0, verdict };
}

export function group(key: string, name: string, variants: ModelGroup["variants"]): ModelGroup {
  return { key, name, architecture: "llama", parameterCount: 7_240_000_000, variants };
}

export function loadedModel(model: ModelEntry): LoadedModel {
  return { model, contextSize: 4096, gpuLayers: 0, gpu: false, threads: 4, threadsSource: "probe", probe: null, lora: [], loadMs: 1800 };
}
