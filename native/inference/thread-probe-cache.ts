// Thread probes kept across runs, keyed by machine and model, so the probe runs once per model on a
// machine. A probe from other hardware (a copied data folder) is not reused.
import { join } from "node:path";
import { z } from "zod";
import { ThreadProbe } from "../contract/inference.ts";
import { readJson, writeJsonAtomic } from "../util/json-file.ts";

const ProbeDocument = z.object({
  format: z.literal("enclave.thread-probes"),
  version: z.literal(1),
  probes: z.record(z.string(), ThreadProbe),
});
type ProbeDocument = z.infer<typeof ProbeDocument>;

export class ThreadProbeCache {
  readonly #path: string;
  #doc: Promise<ProbeDocument> | undefined;

  constructor(dataDir: string) {
    this.#path = join(dataDir, "thread-probes.json");
  }

  /** The key for a model: its file identity (path id + size), so a replaced file is probed again. */
  static modelKey(model: { id: string; sizeBytes: number }): string {
    return `${model.id}:${model.sizeBytes}`;
  }

  async get(machine: string, modelKey: string): Promise<ThreadProbe | undefined> {
    const probe = (await this.#load()).probes[modelKey];
    return probe?.machineKey === machine ? probe : undefined;
  }

  async set(modelKey: string, probe: ThreadProbe): Promise<void> {
    const doc = await this.#load();
    doc.probes[modelKey] = probe;
    await writeJsonAtomic(this.#path, doc);
  }

  #load(): Promise<ProbeDocument> {
    this.#doc ??= readJson(this.#path, ProbeDocument, { format: "enclave.thread-probes", version: 1, probes: {} });
    return this.#doc;
  }
}
