// Router handler for the quant lab: runs it over the model library and the document index, sends
// progress as "quantlab" events and stops on the call's signal (cancel from any front-end).
import { availableParallelism } from "node:os";
import type { quantLabMethods } from "../contract/quant-lab.ts";
import type { Settings } from "../contract/settings.ts";
import type { LlamaRuntime } from "../inference/llama-runtime.ts";
import type { ModelLibrary } from "../models/library.ts";
import { QuantLabCache } from "../models/quant-lab/cache.ts";
import { runQuantLab } from "../models/quant-lab/run-lab.ts";
import type { PassageSource } from "../models/quant-lab/sample.ts";
import type { Handlers } from "../router/types.ts";

export interface QuantLabHandlerDeps {
  dataDir: string;
  runtime: LlamaRuntime;
  gpu: "auto" | false;
  library: ModelLibrary;
  passages: PassageSource;
  settings: () => Settings;
  forcedThreads?: number;
}

export function createQuantLabHandlers(deps: QuantLabHandlerDeps): Handlers<typeof quantLabMethods> {
  const cache = new QuantLabCache(deps.dataDir);
  return {
    "quantLab.run": async (input, ctx) =>
      runQuantLab(
        {
          llama: () => deps.runtime.get(),
          groups: async () => (await deps.library.list()).groups,
          hash: async (entry, signal) => (await deps.library.hash(entry.path, { signal })).sha256,
          estimate: (entry, contextSize) => deps.library.estimate(entry, { contextSize, gpuLayers: gpuLayersOf(deps.settings()) }),
          passages: deps.passages,
          cache,
          threads: () => deps.forcedThreads ?? deps.settings().threads ?? Math.min(4, availableParallelism()),
          gpu: deps.gpu,
          gpuLayers: () => gpuLayersOf(deps.settings()),
        },
        input,
        { signal: ctx.signal, onProgress: (p) => ctx.emit("progress", { task: "quantlab", ...p }) },
      ),
  };
}

function gpuLayersOf(settings: Settings): "auto" | number {
  return typeof settings.gpuLayers === "number" ? settings.gpuLayers : "auto";
}
