// The quant lab's state: which model group is open, the sample (pasted text or a collection), the
// run in progress (following its progress events, cancellable) and the last report. The run is a
// background call: closing the lab leaves it running, and reopening shows its progress.
import { create } from "zustand";
import type { QuantLabReport, QuantLabResult } from "../../../native/contract/quant-lab.ts";
import { api } from "../../services/api.ts";
import { errorMessage, isAborted, newRequestId } from "../../shared/errors.ts";

export interface LabRun {
  requestId: string;
  groupKey: string;
  fraction: number | null;
  message: string | null;
}

export interface QuantLabState {
  /** The group whose lab is shown; null when the lab is closed. */
  groupKey: string | null;
  sampleKind: "text" | "collection";
  text: string;
  collection: string;
  threads: number | null;
  running: LabRun | null;
  report: QuantLabReport | null;
  error: string | null;
}

export const initialQuantLabState: QuantLabState = {
  groupKey: null,
  sampleKind: "text",
  text: "",
  collection: "",
  threads: null,
  running: null,
  report: null,
  error: null,
};

export const useQuantLabStore = create<QuantLabState>(() => initialQuantLabState);

export function openLab(groupKey: string): void {
  useQuantLabStore.setState((s) => ({ groupKey, report: s.report?.groupKey === groupKey ? s.report : null, error: null }));
}

export function closeLab(): void {
  useQuantLabStore.setState({ groupKey: null });
}

export function setSample(patch: Partial<Pick<QuantLabState, "sampleKind" | "text" | "collection" | "threads">>): void {
  useQuantLabStore.setState({ ...patch, error: null });
}

/** Runs the lab for the open group; resolves with the report, or null when cancelled or refused. */
export async function runLab(options: { fresh?: boolean } = {}): Promise<QuantLabReport | null> {
  const s = useQuantLabStore.getState();
  if (!s.groupKey) return null;
  if (s.running) {
    useQuantLabStore.setState({ error: "A run is already in progress; cancel it first." });
    return null;
  }
  const sample = s.sampleKind === "text" ? { kind: "text" as const, text: s.text } : { kind: "collection" as const, collection: s.collection };
  if (sample.kind === "text" ? !sample.text.trim() : !sample.collection) {
    useQuantLabStore.setState({ error: sample.kind === "text" ? "Paste some text to measure on." : "Choose a collection to measure on." });
    return null;
  }
  const requestId = newRequestId();
  const groupKey = s.groupKey;
  useQuantLabStore.setState({ running: { requestId, groupKey, fraction: 0, message: "Starting" }, error: null });
  const off = api().on("progress", (p) => {
    if (p.requestId !== requestId) return;
    useQuantLabStore.setState((st) => (st.running ? { running: { ...st.running, fraction: p.fraction, message: p.message ?? null } } : st));
  });
  try {
    const report = await api().invoke(
      "quantLab.run",
      { group: groupKey, sample, ...(s.threads ? { threads: s.threads } : {}), ...(options.fresh ? { fresh: true } : {}) },
      { requestId },
    );
    useQuantLabStore.setState({ report });
    return report;
  } catch (err) {
    useQuantLabStore.setState({ error: isAborted(err) ? "Cancelled: nothing was kept from the unfinished variant." : errorMessage(err) });
    return null;
  } finally {
    off();
    useQuantLabStore.setState({ running: null });
  }
}

export function cancelLab(): void {
  const running = useQuantLabStore.getState().running;
  if (running) api().cancel(running.requestId);
}

/** One chart point per measured variant. */
export interface LabPoint {
  modelId: string;
  label: string;
  reference: boolean;
  decodeTokensPerSecond: number;
  memoryMiB: number;
  /** KL divergence from the reference, in millinats per token (0 for the reference). */
  klMilli: number;
  perplexity: number;
}

export function chartPoints(results: readonly QuantLabResult[]): LabPoint[] {
  return results.map((r) => ({
    modelId: r.modelId,
    label: r.quant ?? r.displayName,
    reference: r.reference,
    decodeTokensPerSecond: r.decodeTokensPerSecond,
    memoryMiB: Math.round((r.measuredRamBytes / 1024 ** 2) * 10) / 10,
    klMilli: Math.round(r.klDivergence * 1e6) / 1e3,
    perplexity: r.perplexity,
  }));
}
