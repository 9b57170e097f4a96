// Loading models and the runtime settings of a loaded model. One model is loaded at a time; a load
// while another is loaded is a switch (the old one is freed first, conversations carry over).
import { z } from "zod";
import { defineMethods } from "./define.ts";
import { ModelEntry, ModelRef } from "./models.ts";
import { SpeculativeInfo, SpeculativeOption } from "./speculative.ts";

export const GpuLayers = z.union([z.literal("auto"), z.literal("max"), z.number().int().min(0)]);

export const LoraAdapter = z.object({ path: z.string().min(1), scale: z.number().min(-10).max(10).optional() });

export const LoadOptions = z.object({
  model: ModelRef,
  contextSize: z.number().int().min(128).max(1 << 20).optional(),
  gpuLayers: GpuLayers.optional(),
  /** Manual thread count; omitted → the measured best for this machine and model (probed once). */
  threads: z.number().int().min(1).max(1024).optional(),
  /** LoRA adapters applied to this load. */
  lora: z.array(LoraAdapter).optional(),
  /** Extra context sequences for stateless requests (the API server), each with its own KV cache of
   *  `contextSize`; omitted → 4 when the API server is enabled in settings, else 0. */
  servingSequences: z.number().int().min(0).max(64).optional(),
  /** Speculative decoding for this load: prompt lookup, or a draft model (see speculative.ts). */
  speculative: SpeculativeOption.optional(),
});
export type LoadOptions = z.infer<typeof LoadOptions>;

export const ThreadProbe = z.object({
  /** Hardware the probe ran on: a probe is only reused on the same machine shape. */
  machineKey: z.string(),
  chosen: z.number().int(),
  measurements: z.array(z.object({ threads: z.number().int(), decodeTokensPerSecond: z.number(), prefillMs: z.number() })),
  measuredAt: z.string(),
  /** Cores' worth of CPU other processes used while the probe ran: a probe taken under load is
   *  measured again once the machine is idle. Absent in probes stored before it was recorded. */
  othersBusyCores: z.number().min(0).optional(),
});
export type ThreadProbe = z.infer<typeof ThreadProbe>;

export const LoadedModel = z.object({
  model: ModelEntry,
  contextSize: z.number().int(),
  gpuLayers: z.number().int(),
  gpu: z.union([z.string(), z.literal(false)]),
  threads: z.number().int(),
  threadsSource: z.enum(["manual", "probe", "cached-probe", "default"]),
  /** The probe's count when fewer threads run now because other processes keep cores busy, with
   *  why (`threads` is the count in use; it goes back up when the cores are free again). */
  threadsPlanned: z.number().int().optional(),
  threadsNote: z.string().optional(),
  probe: ThreadProbe.nullable(),
  lora: z.array(z.object({ path: z.string(), scale: z.number() })),
  servingSequences: z.number().int().optional(),
  loadMs: z.number(),
  /** Resident memory this load took (see MeasuredMemory); absent when it could not be measured. */
  measuredRamBytes: z.number().min(0).optional(),
  speculative: SpeculativeInfo.nullable().optional(),
});
export type LoadedModel = z.infer<typeof LoadedModel>;

export const inferenceMethods = defineMethods({
  "inference.load": {
    summary: "Load (or switch to) a model; emits load progress. Conversations are kept.",
    input: LoadOptions,
    output: LoadedModel,
  },
  "inference.unload": {
    summary: "Free the loaded model and its context.",
    input: z.object({}),
    output: z.object({ unloaded: z.boolean() }),
  },
  "inference.setLora": {
    summary: "Replace the loaded model's LoRA adapters (an empty list removes them) without reloading the model: its context is made again. Conversations are kept.",
    input: z.object({ lora: z.array(LoraAdapter).max(8) }),
    output: LoadedModel,
  },
  "inference.status": {
    summary: "What is loaded now, if anything, and the engine's resident memory.",
    input: z.object({}),
    output: z.object({ loaded: LoadedModel.nullable(), rssBytes: z.number(), busy: z.boolean() }),
  },
});
