// Engine-level methods: identity and liveness. Used by the supervisor, the CLI and diagnostics.
import { z } from "zod";
import { defineMethods } from "./define.ts";

export const EngineInfo = z.object({
  version: z.string(),
  pid: z.number(),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpus: z.number(),
  dataDir: z.string(),
  uptimeMs: z.number(),
  /** The llama.cpp backend once it has been initialised ("cuda", "metal", "vulkan" or false for CPU). */
  gpu: z.union([z.string(), z.literal(false)]).nullable(),
});
export type EngineInfo = z.infer<typeof EngineInfo>;

export const systemMethods = defineMethods({
  "engine.info": {
    summary: "Version, process and platform of the running engine.",
    input: z.object({}),
    output: EngineInfo,
  },
  "engine.ping": {
    summary: "Liveness check; an optional delay (cancellable) measures round trips under load.",
    input: z.object({ delayMs: z.number().int().min(0).max(60_000).optional() }),
    output: z.object({ pong: z.literal(true), pid: z.number() }),
  },
});
