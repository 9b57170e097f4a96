// Sentences and cells that say exactly what is known (issue 12's honest feedback): what adding a
// folder found, readable or not; a memory estimate that could not be made reads "unknown", not 0 B.
import type { ModelEntry, MemoryEstimate } from "../../../native/contract/models.ts";
import { fileName } from "../format.ts";
import { formatBytes, plural } from "../format.ts";

/** "Added 1 model; 2 files could not be read: a.gguf (not a GGUF file), b.gguf (truncated)." */
export function addedSummary(models: readonly Pick<ModelEntry, "path" | "error">[]): string {
  if (models.length === 0) return "Added. No GGUF files were found there yet.";
  const bad = models.filter((m) => m.error);
  const good = models.length - bad.length;
  const added = good > 0 ? `Added ${plural(good, "model")}` : "No model was added";
  if (bad.length === 0) return `${added}.`;
  const listed = bad.slice(0, 3).map((m) => `${fileName(m.path)} (${m.error!.replace(/\.$/, "")})`);
  const more = bad.length > 3 ? `, and ${bad.length - 3} more` : "";
  return `${added}; ${plural(bad.length, "file")} could not be read: ${listed.join(", ")}${more}.`;
}

/** The estimated RAM, or "unknown" when there is no estimate (an unreadable file, an adapter). */
export function ramCell(estimate: MemoryEstimate | null | undefined): string {
  return estimate && estimate.ramBytes > 0 ? formatBytes(estimate.ramBytes) : "unknown";
}

/** The estimated VRAM: "unknown" without an estimate, "none" when nothing goes to a GPU. */
export function vramCell(estimate: MemoryEstimate | null | undefined): string {
  if (!estimate || !(estimate.ramBytes > 0)) return "unknown";
  return estimate.vramBytes > 0 ? formatBytes(estimate.vramBytes) : "none";
}
