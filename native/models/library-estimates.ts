// Memory estimates for library entries: llama.cpp's dry run where the file and a llama.cpp binary
// allow it, "unknown" (with what is free) where not. Adapters have none.
import type { Llama } from "node-llama-cpp";
import type { MemoryEstimate } from "../contract/models.ts";
import { estimateMemory, unknownEstimate, type EstimateOptions } from "./estimate.ts";
import type { LibraryRecord } from "./library-records.ts";
import { availableRam, type MemoryProbe } from "./memory.ts";
import type { Analysis } from "./metadata.ts";

/** Free RAM from the OS (/proc/meminfo MemAvailable, or os.freemem) and VRAM from llama's state. */
export function defaultMemoryProbe(platform: NodeJS.Platform, llama: () => Promise<Llama | undefined>): MemoryProbe {
  return {
    freeRam: () => availableRam(platform),
    vram: async () => {
      const l = await llama();
      if (!l || l.gpu === false) return { free: 0, total: 0 };
      const state = await l.getVramState();
      return { free: state.free, total: state.total };
    },
  };
}

export async function estimateRecord(
  record: LibraryRecord,
  deps: { analysis: () => Promise<Analysis>; llama: () => Promise<Llama | undefined>; memory: MemoryProbe },
  options: EstimateOptions,
): Promise<MemoryEstimate | null> {
  const { entry } = record;
  if (entry.kind === "adapter") return null;
  const analysis = await deps.analysis();
  const llama = await deps.llama();
  if (entry.error || !analysis.insights || !llama) return unknownEstimate(deps.memory, options);
  try {
    return await estimateMemory(analysis.insights, llama, deps.memory, { ...options, embedding: entry.kind === "embedding" });
  } catch {
    return unknownEstimate(deps.memory, options);
  }
}
