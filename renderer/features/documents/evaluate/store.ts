// The Evaluate panel's state: one evaluation at a time for the selected collection, sent to the
// engine's `rag.eval` (the same as `enclave eval`), with per-question progress and cancel.
import { create } from "zustand";
import type { EvalReport } from "../../../../native/contract/rag-eval.ts";
import { api } from "../../../services/api.ts";
import { errorMessage, isAborted, newRequestId } from "../../../shared/errors.ts";

export type EvalMode = "fulltext" | "hybrid";

export interface EvaluateState {
  running: { requestId: string; done: number; total: number | null; cancelling: boolean } | null;
  report: EvalReport | null;
  error: string | null;
}

export const initialEvaluateState = (): EvaluateState => ({ running: null, report: null, error: null });
export const useEvaluateStore = create<EvaluateState>(initialEvaluateState);
const { getState: get, setState: set } = useEvaluateStore;

/** The set's format from its file name, or an error for the user. */
export function formatOf(fileName: string): "jsonl" | "csv" | null {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === "jsonl" || ext === "ndjson" ? "jsonl" : ext === "csv" ? "csv" : null;
}

export async function runEvaluation(file: { name: string; text(): Promise<string> }, collection: string, options: { k: number; mode?: EvalMode }): Promise<void> {
  if (get().running) return;
  const format = formatOf(file.name);
  if (!format) return set({ error: "Choose a .jsonl or .csv file with question, file and page columns.", report: null });
  const requestId = newRequestId();
  set({ running: { requestId, done: 0, total: null, cancelling: false }, error: null, report: null });
  const off = api().on("progress", (event) => {
    const run = get().running;
    if (run && event.requestId === requestId) set({ running: { ...run, done: event.current ?? run.done, total: event.total ?? run.total } });
  });
  try {
    const text = await file.text();
    const report = await api().invoke("rag.eval", { collection, text, format, k: options.k, ...(options.mode && { mode: options.mode }) }, { requestId });
    set({ report });
  } catch (err) {
    set({ error: isAborted(err) ? null : errorMessage(err) });
  } finally {
    off();
    set({ running: null });
  }
}

export function cancelEvaluation(): void {
  const run = get().running;
  if (!run || run.cancelling) return;
  api().cancel(run.requestId);
  set({ running: { ...run, cancelling: true } });
}

export function clearEvaluation(): void {
  if (!get().running) set(initialEvaluateState());
}
