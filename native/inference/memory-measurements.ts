// Resident memory measured when a model was loaded, kept across runs per model file, so the Models
// page shows the measured figure beside the estimate for every variant that has been loaded once
// (issue 14: the estimate is node-llama-cpp's worst case; the measurement is what this machine did).
import { join } from "node:path";
import { MeasuredMemory } from "../contract/models.ts";
import { KeyedJsonCache } from "../util/keyed-json-cache.ts";
import { ThreadProbeCache } from "./thread-probe-cache.ts";

export class MemoryMeasurements {
  readonly #cache: KeyedJsonCache<MeasuredMemory>;

  constructor(dataDir: string) {
    this.#cache = new KeyedJsonCache(join(dataDir, "memory-measurements.json"), "enclave.memory-measurements", "entries", MeasuredMemory);
  }

  /** Keyed like the thread probes (path id + size): a replaced file is measured again. */
  async get(model: { id: string; sizeBytes: number }): Promise<MeasuredMemory | null> {
    return (await this.#cache.get(ThreadProbeCache.modelKey(model))) ?? null;
  }

  set(model: { id: string; sizeBytes: number }, measured: MeasuredMemory): Promise<void> {
    return this.#cache.set(ThreadProbeCache.modelKey(model), measured);
  }
}
