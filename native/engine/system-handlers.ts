// Handlers for the engine-level methods.
import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { systemMethods } from "../contract/system.ts";
import type { Handlers } from "../router/types.ts";
import type { LlamaRuntime } from "../inference/llama-runtime.ts";
import { readComponents } from "./components.ts";
import { ENGINE_VERSION } from "./version.ts";

export function createSystemHandlers(deps: { dataDir: string; runtime: LlamaRuntime; startedAt: number }): Handlers<typeof systemMethods> {
  return {
    "engine.info": async () => ({
      version: ENGINE_VERSION,
      pid: process.pid,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
      cpus: availableParallelism(),
      dataDir: deps.dataDir,
      uptimeMs: Date.now() - deps.startedAt,
      gpu: deps.runtime.gpuIfLoaded(),
      components: readComponents(),
    }),
    "engine.ping": async ({ delayMs }, ctx) => {
      if (delayMs) await sleep(delayMs, undefined, { signal: ctx.signal });
      return { pong: true as const, pid: process.pid };
    },
  };
}
