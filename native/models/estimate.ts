// How much RAM and VRAM a model plus its context will take, before loading it, and whether that
// fits in what is free now. Uses llama.cpp's own dry run (GgufInsights V2 estimates), which falls
// back to node-llama-cpp's heuristic when the dry run fails.
import type { GgufInsights, Llama } from "node-llama-cpp";
import type { MemoryEstimate } from "../contract/models.ts";
import { fitVerdict, type MemoryProbe } from "./memory.ts";

export const DEFAULT_CONTEXT_SIZE = 4096;

export interface EstimateOptions {
  contextSize?: number;
  gpuLayers?: number | "auto";
  embedding?: boolean;
}

/** The requested context (default 4096) capped at what the model was trained on. */
export function effectiveContextSize(requested: number | undefined, trained: number | null | undefined): number {
  const size = requested ?? DEFAULT_CONTEXT_SIZE;
  return trained && trained > 0 ? Math.min(size, trained) : size;
}

async function resolveGpuLayers(insights: GgufInsights, llama: Llama, requested: number | "auto" | undefined): Promise<number> {
  if (typeof requested === "number") return Math.min(requested, insights.totalLayers);
  if (llama.gpu === false || !llama.supportsGpuOffloading) return 0;
  try {
    const { gpuLayers } = await insights.configurationResolver.resolveModelGpuLayersV2("auto", {
      getVramState: () => llama.getVramState(),
      llamaGpu: llama.gpu,
      llamaSupportsGpuOffloading: llama.supportsGpuOffloading,
    });
    return gpuLayers;
  } catch {
    return 0; // nothing fits on the GPU: the estimate then shows the CPU-only cost
  }
}

export async function estimateMemory(
  insights: GgufInsights,
  llama: Llama,
  probe: MemoryProbe,
  options: EstimateOptions = {},
): Promise<MemoryEstimate> {
  const contextSize = effectiveContextSize(options.contextSize, insights.trainContextSize);
  const gpuLayers = await resolveGpuLayers(insights, llama, options.gpuLayers);
  const [model, context, freeRamBytes, vram] = await Promise.all([
    insights.estimateModelResourceRequirementsV2({ gpuLayers }),
    insights.estimateContextResourceRequirementsV2({ contextSize, modelGpuLayers: gpuLayers, isEmbeddingContext: options.embedding }),
    probe.freeRam(),
    probe.vram(),
  ]);
  const ramBytes = model.cpuRam + context.cpuRam;
  const vramBytes = model.gpuVram + context.gpuVram;
  return {
    contextSize,
    gpuLayers,
    ramBytes,
    vramBytes,
    freeRamBytes,
    freeVramBytes: vram.free,
    verdict: fitVerdict({ ramBytes, vramBytes, freeRamBytes, freeVramBytes: vram.free }),
  };
}

/** The estimate of a file whose metadata could not be read: nothing is known. */
export async function unknownEstimate(probe: MemoryProbe, options: EstimateOptions = {}): Promise<MemoryEstimate> {
  const [freeRamBytes, vram] = await Promise.all([probe.freeRam(), probe.vram()]);
  return {
    contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE,
    gpuLayers: typeof options.gpuLayers === "number" ? options.gpuLayers : 0,
    ramBytes: 0,
    vramBytes: 0,
    freeRamBytes,
    freeVramBytes: vram.free,
    verdict: "unknown",
  };
}
