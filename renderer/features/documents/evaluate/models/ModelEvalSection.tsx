// "Compare models" in the Evaluate panel: tick models (or quants) from the library, run the panel's
// question set through each, and read the comparison as a table and a chart, or export it as CSV.
import { useEffect } from "react";
import { EVAL_COLUMNS } from "../../../../../native/contract/model-eval-table.ts";
import { ProgressBar } from "../../../../components/ProgressBar.tsx";
import { refreshModels, useModelsStore } from "../../../../shared/models/store.ts";
import { ModelEvalChart } from "./ModelEvalChart.tsx";
import { cancelModelEvaluation, reportCsv, runModelEvaluation, toggleModel, useModelEvalStore } from "./store.ts";

export interface ModelEvalSectionProps {
  collection: string;
  file: File | null;
  k: number;
  mode: "fulltext" | "hybrid";
  disabled: boolean;
}

export function ModelEvalSection({ collection, file, k, mode, disabled }: ModelEvalSectionProps) {
  const { chosen, running, report, error } = useModelEvalStore();
  const { groups, listed } = useModelsStore();
  useEffect(() => {
    if (!listed) refreshModels().catch(() => undefined); // the Models view shows listing errors
  }, [listed]);
  const variants = groups.flatMap((g) => g.variants).filter((v) => v.kind === "model" && !v.error);

  return (
    <section className="model-eval" aria-label="Compare models">
      <h4>Compare models</h4>
      <p className="muted">
        Each model you tick answers every question of the set from the passages search found: how often the answer contains the set&apos;s <code>answer</code>, how many
        citations check out, and what each answer costs in time and energy.
      </p>
      <fieldset className="model-eval-models" disabled={running !== null}>
        <legend>Models to compare</legend>
        {variants.length === 0 && <p className="muted">No models in the library yet.</p>}
        {variants.map((v) => (
          <label key={v.id}>
            <input type="checkbox" checked={chosen.includes(v.id)} onChange={() => toggleModel(v.id)} /> {v.name ?? v.displayName}
            {v.quant ? ` ${v.quant}` : ""}
          </label>
        ))}
      </fieldset>
      <div className="evaluate-controls">
        {running ? (
          <button type="button" className="btn" disabled={running.cancelling} onClick={cancelModelEvaluation}>
            {running.cancelling ? "Cancelling…" : "Cancel comparison"}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" disabled={disabled || file === null || chosen.length === 0} onClick={() => file && void runModelEvaluation(file, collection, { k, mode })}>
            Compare {chosen.length || ""} {chosen.length === 1 ? "model" : "models"}
          </button>
        )}
        {report && !running && (
          <button type="button" className="btn" onClick={() => downloadCsv(reportCsv())}>
            Export CSV
          </button>
        )}
      </div>
      {running && <ProgressBar label={running.message ?? "Comparing models"} fraction={running.fraction} />}
      {error && (
        <p className="documents-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div className="model-eval-report">
          <table aria-label="Model comparison">
            <caption className="muted">
              {report.questions} questions · retrieval hit@1 {Math.round(report.retrieval.hitAt1 * 100)}% · answers greedy, at most {report.maxTokens} tokens · energy = engine CPU
              time × {report.wattsPerCore} W per core (an estimate)
            </caption>
            <thead>
              <tr>
                {EVAL_COLUMNS.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.models.map((row, i) => (
                <tr key={`${row.modelId}-${i}`}>
                  {EVAL_COLUMNS.map((c, col) =>
                    col === 0 ? (
                      <th key={c.key} scope="row">
                        {c.text(row)}
                      </th>
                    ) : (
                      <td key={c.key}>{c.text(row)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <ModelEvalChart report={report} />
        </div>
      )}
    </section>
  );
}

/** Saves the CSV through the browser's download (a file the user chooses where to keep). */
function downloadCsv(csv: string | null): void {
  if (!csv) return;
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "model-comparison.csv";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
