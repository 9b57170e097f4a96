// The Evaluate panel's state: one evaluation at a time for the selected collection, sent to the
// engine's `rag.eval` (the same as `enclave eval`), with per-question progress and cancel.
import { create } from "zustand";
import type { EvalReport } from "../../../../native/contract/rag-eval.ts";
import { api } from "../../../services/api.ts";
import { cancelRequest, runRequest } from "./run-request.ts";

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
  await runRequest(useEvaluateStore, {
    start: (requestId) => ({ requestId, done: 0, total: null, cancelling: false }),
    progress: (run, event) => ({ ...run, done: event.current ?? run.done, total: event.total ?? run.total }),
    send: async (requestId) => {
      const text = await file.text();
      return api().invoke("rag.eval", { collection, text, format, k: options.k, ...(options.mode && { mode: options.mode }) }, { requestId });
    },
  });
}

export function cancelEvaluation(): void {
  cancelRequest(useEvaluateStore);
}

export function clearEvaluation(): void {
  if (!get().running) set(initialEvaluateState());
}
