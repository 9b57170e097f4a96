// "Compare models" under Evaluate: the same question set answered by each chosen model (or quant)
// through the engine's `rag.evalModels` (as `enclave eval --model`), with progress per model and
// question, cancel, and the report's CSV for a spreadsheet.
import { create } from "zustand";
import type { ModelEvalReport } from "../../../../../native/contract/model-eval.ts";
import { modelEvalCsv } from "../../../../../native/contract/model-eval-table.ts";
import { api } from "../../../../services/api.ts";
import { cancelRequest, runRequest } from "../run-request.ts";
import { formatOf } from "../store.ts";

export interface ModelEvalState {
  /** Library ids of the models to compare, in the order they were ticked. */
  chosen: string[];
  running: { requestId: string; fraction: number | null; message: string | null; cancelling: boolean } | null;
  report: ModelEvalReport | null;
  error: string | null;
}

export const initialModelEvalState = (): ModelEvalState => ({ chosen: [], running: null, report: null, error: null });
export const useModelEvalStore = create<ModelEvalState>(initialModelEvalState);
const { getState: get, setState: set } = useModelEvalStore;

export function toggleModel(id: string): void {
  const { chosen, running } = get();
  if (running) return;
  set({ chosen: chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id] });
}

export async function runModelEvaluation(file: { name: string; text(): Promise<string> }, collection: string, options: { k: number; mode?: "fulltext" | "hybrid" }): Promise<void> {
  const { running, chosen } = get();
  if (running) return;
  const format = formatOf(file.name);
  if (!format) return set({ error: "Choose a .jsonl or .csv file with question, file and page columns.", report: null });
  if (chosen.length === 0) return set({ error: "Tick at least one model to compare.", report: null });
  await runRequest(useModelEvalStore, {
    start: (requestId) => ({ requestId, fraction: 0, message: null, cancelling: false }),
    progress: (run, event) => ({ ...run, fraction: event.fraction ?? run.fraction, message: event.message ?? run.message }),
    send: async (requestId) => {
      const text = await file.text();
      return api().invoke(
        "rag.evalModels",
        { collection, text, format, k: options.k, ...(options.mode && { mode: options.mode }), models: chosen.map((model) => ({ model })) },
        { requestId },
      );
    },
  });
}

export function cancelModelEvaluation(): void {
  cancelRequest(useModelEvalStore);
}

/** The report as CSV (the same columns as `enclave eval --csv`), or null when there is none. */
export function reportCsv(): string | null {
  const report = get().report;
  return report ? modelEvalCsv(report) : null;
}
