// Contract-shaped sample objects for the CLI's fast tests (no engine involved).
import type { Output } from "../client/types.ts";
import type { LoadedModel } from "../contract/inference.ts";
import type { ModelEntry } from "../contract/models.ts";
import type { TurnResult } from "../contract/conversations.ts";

export function sampleEntry(overrides: Partial<ModelEntry> = {}): ModelEntry {
  return {
    id: "0123456789abcdef",
    path: "/models/tiny-q8_0.gguf",
    displayName: "tiny-q8_0",
    source: "user",
    sizeBytes: 3_500_000,
    mtimeMs: 0,
    sha256: null,
    name: "Tiny",
    architecture: "llama",
    parameterCount: 2_300_000,
    quant: "Q8_0",
    contextLength: 2048,
    hasChatTemplate: true,
    license: "apache-2.0",
    groupKey: "llama:tiny",
    kind: "model",
    error: null,
    ...overrides,
  };
}

export const sampleEstimate = {
  contextSize: 2048,
  gpuLayers: 0,
  ramBytes: 20 * 1024 * 1024,
  vramBytes: 0,
  freeRamBytes: 4 * 1024 ** 3,
  freeVramBytes: 0,
  verdict: "fits" as const,
};

export function sampleList(): Output<"models.list"> {
  return {
    groups: [
      {
        key: "llama:tiny",
        name: "Tiny",
        architecture: "llama",
        parameterCount: 2_300_000,
        variants: [
          { ...sampleEntry(), estimate: sampleEstimate },
          { ...sampleEntry({ id: "fedcba9876543210", path: "/models/tiny-q4_0.gguf", quant: "Q4_0", sizeBytes: 2_000_000 }), estimate: { ...sampleEstimate, verdict: "tight" } },
        ],
      },
      {
        key: "broken",
        name: "broken",
        architecture: null,
        parameterCount: null,
        variants: [{ ...sampleEntry({ id: "b", path: "/models/broken.gguf", name: null, quant: null, error: "not a GGUF file" }), estimate: null }],
      },
    ],
    folders: [{ path: "/models", source: "user", auto: false, exists: true }],
    scanErrors: [],
  };
}

export function sampleLoaded(): LoadedModel {
  return { model: sampleEntry(), contextSize: 2048, gpuLayers: 0, gpu: false, threads: 1, threadsSource: "manual", probe: null, lora: [], loadMs: 120 };
}

export function sampleTurn(overrides: Partial<TurnResult["assistantMessage"]> = {}): TurnResult {
  return {
    conversationId: "c1",
    userMessage: { id: "u1", role: "user", text: "hi", createdAt: "2024-01-01T00:00:00.000Z" },
    assistantMessage: {
      id: "a1",
      role: "assistant",
      text: "Hello there",
      createdAt: "2024-01-01T00:00:01.000Z",
      status: "complete",
      stopReason: "max-tokens",
      stats: {
        promptTokens: 12,
        evaluatedPromptTokens: 12,
        outputTokens: 8,
        ttftMs: 40,
        totalMs: 200,
        tokensPerSecond: 50,
        threads: 1,
        modelId: "0123456789abcdef",
        modelName: "Tiny",
        quant: "Q8_0",
      },
      ...overrides,
    },
  };
}
