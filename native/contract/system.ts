// Engine-level methods: identity and liveness. Used by the supervisor, the CLI and diagnostics.
import { z } from "zod";
import { defineMethods } from "./define.ts";

/** What this build is made of (`enclave --version`, the About panel): null where a part is absent. */
export const Components = z.object({
  app: z.string(),
  electron: z.string().nullable(),
  node: z.string(),
  nodeLlamaCpp: z.string().nullable(),
  /** The llama.cpp release node-llama-cpp's binaries were built from. */
  llamaCpp: z.string().nullable(),
  lancedb: z.string().nullable(),
  /** The git commit the packaged build was made from. */
  commit: z.string().nullable(),
});
export type Components = z.infer<typeof Components>;

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
  // Optional so that fakes and older engines without it still validate; the engine always sends it.
  components: Components.optional(),
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
