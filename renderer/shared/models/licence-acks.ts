// A licence accepted once covers every file of the same model (its quant variants share a group
// key) that declares the same licence: switching Q8_0 → Q4_0 does not ask again. What was accepted
// is recorded with the file's SHA-256 (when known), its licence and when, in localStorage.
import type { Variant } from "./store.ts";

const KEY = "enclave.licenceModels";

export type LicensedModel = Pick<Variant, "id" | "license"> & Partial<Pick<Variant, "groupKey" | "sha256">>;

export interface LicenceAck {
  groupKey: string;
  license: string;
  /** The file the licence was accepted for: its SHA-256 when hashed, else its library id. */
  sha256: string | null;
  modelId: string;
  acceptedAt: string;
}

export function storedModelAcks(): LicenceAck[] {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is LicenceAck => typeof v === "object" && v !== null && typeof v.groupKey === "string" && typeof v.license === "string") : [];
  } catch {
    return [];
  }
}

/** Whether an earlier acceptance covers this file: same model, same declared licence. A file without a licence is never covered. */
export function coveredByModelAck(model: LicensedModel, acks: readonly LicenceAck[] = storedModelAcks()): boolean {
  if (!model.license || !model.groupKey) return false;
  return acks.some((a) => a.groupKey === model.groupKey && a.license === model.license);
}

export function recordModelAck(model: LicensedModel, now: Date = new Date()): void {
  if (!model.license || !model.groupKey) return;
  const ack: LicenceAck = { groupKey: model.groupKey, license: model.license, sha256: model.sha256 ?? null, modelId: model.id, acceptedAt: now.toISOString() };
  globalThis.localStorage?.setItem(KEY, JSON.stringify([...storedModelAcks(), ack]));
}
