// Resident memory measured when a model was loaded, kept across runs per model file, so the Models
// page shows the measured figure beside the estimate for every variant that has been loaded once
// (issue 14: the estimate is node-llama-cpp's worst case; the measurement is what this machine did).
import { join } from "node:path";
import { z } from "zod";
import { MeasuredMemory } from "../contract/models.ts";
import { readJson, writeJsonAtomic } from "../util/json-file.ts";

const MeasurementsDocument = z.object({
  format: z.literal("enclave.memory-measurements"),
  version: z.literal(1),
  entries: z.record(z.string(), MeasuredMemory),
});
type MeasurementsDocument = z.infer<typeof MeasurementsDocument>;

export class MemoryMeasurements {
  readonly #path: string;
  #doc: Promise<MeasurementsDocument> | undefined;

  constructor(dataDir: string) {
    this.#path = join(dataDir, "memory-measurements.json");
  }

  /** A model file's identity (path id + size): a replaced file is measured again. */
  static key(model: { id: string; sizeBytes: number }): string {
    return `${model.id}:${model.sizeBytes}`;
  }

  async get(model: { id: string; sizeBytes: number }): Promise<MeasuredMemory | null> {
    return (await this.#load()).entries[MemoryMeasurements.key(model)] ?? null;
  }

  async set(model: { id: string; sizeBytes: number }, measured: MeasuredMemory): Promise<void> {
    const doc = await this.#load();
    doc.entries[MemoryMeasurements.key(model)] = measured;
    await writeJsonAtomic(this.#path, doc);
  }

  #load(): Promise<MeasurementsDocument> {
    this.#doc ??= readJson(this.#path, MeasurementsDocument, { format: "enclave.memory-measurements", version: 1, entries: {} });
    return this.#doc;
  }
}
