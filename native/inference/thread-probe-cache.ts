// Thread probes kept across runs, keyed by machine and model, so the probe runs once per model on a
// machine. A probe from other hardware (a copied data folder) is not reused.
import { join } from "node:path";
import { ThreadProbe } from "../contract/inference.ts";
import { KeyedJsonCache } from "../util/keyed-json-cache.ts";

export class ThreadProbeCache {
  readonly #cache: KeyedJsonCache<ThreadProbe>;

  constructor(dataDir: string) {
    this.#cache = new KeyedJsonCache(join(dataDir, "thread-probes.json"), "enclave.thread-probes", "probes", ThreadProbe);
  }

  /** The key for a model: its file identity (path id + size), so a replaced file is probed again. */
  static modelKey(model: { id: string; sizeBytes: number }): string {
    return `${model.id}:${model.sizeBytes}`;
  }

  async get(machine: string, modelKey: string): Promise<ThreadProbe | undefined> {
    const probe = await this.#cache.get(modelKey);
    return probe?.machineKey === machine ? probe : undefined;
  }

  set(modelKey: string, probe: ThreadProbe): Promise<void> {
    return this.#cache.set(modelKey, probe);
  }
}
