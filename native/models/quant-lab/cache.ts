// Quant lab results kept per variant file SHA-256, reference file SHA-256, sample hash and the
// settings that change the figures (threads, decode length): one small JSON document each under
// <dataDir>/quant-lab/, so a second run of the same comparison takes no model time at all.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { QuantLabResult } from "../../contract/quant-lab.ts";
import { readJson, writeJsonAtomic } from "../../util/json-file.ts";

const CachedResult = z.object({ format: z.literal("enclave.quant-lab/1"), result: QuantLabResult.omit({ cached: true }) });
export type StoredResult = Omit<QuantLabResult, "cached">;

export interface ResultKey {
  variantSha256: string;
  referenceSha256: string;
  sampleHash: string;
  threads: number;
  decodeTokens: number;
}

export class QuantLabCache {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, "quant-lab");
  }

  static key(k: ResultKey): string {
    return createHash("sha256").update(JSON.stringify([k.variantSha256, k.referenceSha256, k.sampleHash, k.threads, k.decodeTokens])).digest("hex").slice(0, 32);
  }

  async get(k: ResultKey): Promise<StoredResult | null> {
    const doc = await readJson(join(this.#dir, `${QuantLabCache.key(k)}.json`), CachedResult.nullable(), null);
    return doc?.result ?? null;
  }

  async set(k: ResultKey, result: StoredResult): Promise<void> {
    await writeJsonAtomic(join(this.#dir, `${QuantLabCache.key(k)}.json`), { format: "enclave.quant-lab/1", result });
  }
}
