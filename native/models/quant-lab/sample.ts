// The text a quant lab run measures on: what the user pasted, or passages of one of their indexed
// collections. Its hash (with the token budget) names the sample in the cache.
import { createHash } from "node:crypto";
import { EngineError } from "../../contract/errors.ts";
import type { QuantLabSample } from "../../contract/quant-lab.ts";

/** Reads passages of a collection, in a stable order, up to about `maxChars` characters. */
export type PassageSource = (collection: string, maxChars: number, signal: AbortSignal) => Promise<string[]>;

/** Characters per token is rarely below 2: read enough text for the token budget, and no more. */
const CHARS_PER_TOKEN_CEILING = 8;

export async function sampleText(sample: QuantLabSample, maxTokens: number, passages: PassageSource, signal: AbortSignal): Promise<string> {
  if (sample.kind === "text") return sample.text;
  const found = await passages(sample.collection, maxTokens * CHARS_PER_TOKEN_CEILING, signal);
  const text = found.join("\n\n").trim();
  if (!text) throw new EngineError("NOT_FOUND", `The collection "${sample.collection}" has no indexed passages to measure on.`);
  return text;
}

export function sampleHash(text: string, maxTokens: number): string {
  return createHash("sha256").update(`${maxTokens}\u0000${text}`).digest("hex");
}
