// Handlers for loading and unloading models.
import { memoryUsage } from "node:process";
import type { inferenceMethods } from "../contract/inference.ts";
import type { Handlers } from "../router/types.ts";
import type { ModelHost } from "../inference/model-host.ts";

export function createInferenceHandlers(deps: { host: ModelHost }): Handlers<typeof inferenceMethods> {
  const { host } = deps;
  return {
    "inference.load": (input, ctx) =>
      host.load(input, {
        signal: ctx.signal,
        onProgress: (p) => ctx.emit("progress", { task: p.phase === "threads" ? "threads" : "load", fraction: p.fraction, message: p.message }),
      }),
    "inference.setLora": ({ lora }, ctx) =>
      host.setLora(lora, { signal: ctx.signal, onProgress: (p) => ctx.emit("progress", { task: "load", fraction: p.fraction, message: p.message }) }),
    "inference.unload": async () => ({ unloaded: await host.unload() }),
    "inference.status": async () => ({ loaded: host.loadedInfo, rssBytes: memoryUsage.rss(), busy: host.busy }),
  };
}
