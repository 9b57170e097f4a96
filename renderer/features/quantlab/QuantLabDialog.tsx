// The quant lab for one model group: choose a sample (pasted text or an indexed collection), run,
// follow the progress or cancel, then read the chart and the table and switch to a variant.
import { useEffect, useState } from "react";
import type { ModelGroup } from "../../../native/contract/models.ts";
import { Dialog } from "../../components/Dialog.tsx";
import { ProgressBar } from "../../components/ProgressBar.tsx";
import { api } from "../../services/api.ts";
import { useModelsStore } from "../../shared/models/store.ts";
import { QualityChart, type CostAxis } from "./QualityChart.tsx";
import { ResultsTable } from "./ResultsTable.tsx";
import { cancelLab, chartPoints, closeLab, runLab, setSample, useQuantLabStore } from "./store.ts";

export interface QuantLabDialogProps {
  group: ModelGroup;
  onSwitch: (variant: ModelGroup["variants"][number]) => void;
}

export function QuantLabDialog({ group, onSwitch }: QuantLabDialogProps) {
  const { sampleKind, text, collection, threads, running, report, error } = useQuantLabStore();
  const loadedId = useModelsStore((s) => s.loaded?.model.id ?? null);
  const loading = useModelsStore((s) => s.loading !== null);
  const [collections, setCollections] = useState<string[]>([]);
  const [axis, setAxis] = useState<CostAxis>("speed");
  const runningHere = running?.groupKey === group.key;
  const shown = report?.groupKey === group.key ? report : null;

  useEffect(() => {
    api()
      .invoke("rag.collections", {})
      .then(({ collections: found }) => setCollections(found.filter((c) => c.chunks > 0).map((c) => c.name)))
      .catch(() => setCollections([]));
  }, []);

  const switchTo = (modelId: string) => {
    const variant = group.variants.find((v) => v.id === modelId);
    if (variant) onSwitch(variant);
  };

  return (
    <Dialog
      title={`Quant lab: ${group.name}`}
      onClose={closeLab}
      wide
      actions={
        <>
          {runningHere ? (
            <button type="button" className="btn" onClick={cancelLab}>
              Cancel run
            </button>
          ) : (
            <>
              {shown && (
                <button type="button" className="btn" disabled={running !== null} onClick={() => void runLab({ fresh: true })}>
                  Measure again
                </button>
              )}
              <button type="button" className="btn btn-primary" disabled={running !== null} onClick={() => void runLab()}>
                Run
              </button>
            </>
          )}
          <button type="button" className="btn" onClick={closeLab}>
            Close
          </button>
        </>
      }
    >
      <p className="muted">
        Measures each variant on your own text: speed at the chosen threads, resident memory beside the estimate, perplexity, and how far each variant's next-token
        choices are from the largest one's (KL divergence). Results are kept per file and sample.
      </p>
      <fieldset className="lab-sample">
        <legend>Sample</legend>
        <label>
          <input type="radio" name="lab-sample" checked={sampleKind === "text"} onChange={() => setSample({ sampleKind: "text" })} /> Pasted text
        </label>
        <label>
          <input type="radio" name="lab-sample" checked={sampleKind === "collection"} disabled={collections.length === 0} onChange={() => setSample({ sampleKind: "collection" })} />{" "}
          Passages of a collection{collections.length === 0 ? " (none indexed yet)" : ""}
        </label>
        {sampleKind === "text" ? (
          <textarea aria-label="Sample text" rows={3} value={text} placeholder="Paste a page of the kind of text you will ask about." onChange={(e) => setSample({ text: e.target.value })} />
        ) : (
          <select aria-label="Collection" value={collection} onChange={(e) => setSample({ collection: e.target.value })}>
            <option value="">Choose a collection</option>
            {collections.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
        <label className="lab-threads">
          Threads{" "}
          <input
            type="number"
            min={1}
            max={256}
            value={threads ?? ""}
            placeholder="default"
            onChange={(e) => setSample({ threads: e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : null })}
          />
        </label>
      </fieldset>
      {runningHere && <ProgressBar label={running.message ?? "Measuring"} fraction={running.fraction} />}
      {runningHere && <p className="muted" aria-live="polite">{running.message}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {shown && (
        <>
          <div className="lab-axis" role="group" aria-label="Chart against">
            <button type="button" className="btn btn-small" aria-pressed={axis === "speed"} onClick={() => setAxis("speed")}>
              Quality vs speed
            </button>
            <button type="button" className="btn btn-small" aria-pressed={axis === "memory"} onClick={() => setAxis("memory")}>
              Quality vs memory
            </button>
          </div>
          <QualityChart points={chartPoints(shown.results)} axis={axis} />
          <ResultsTable report={shown} loadedId={loadedId} busy={loading} onSwitch={switchTo} />
          {shown.skipped.map((s) => (
            <p key={s.modelId} className="muted">
              {s.displayName} was not measured: {s.reason}
            </p>
          ))}
        </>
      )}
    </Dialog>
  );
}
