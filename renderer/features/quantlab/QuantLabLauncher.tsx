// The way into the quant lab from the Models page: pick a model that has several quant variants.
import { useState } from "react";
import type { ModelGroup } from "../../../native/contract/models.ts";
import { QuantLabDialog } from "./QuantLabDialog.tsx";
import { openLab, useQuantLabStore } from "./store.ts";
import "./quantlab.css";

export interface QuantLabLauncherProps {
  groups: ModelGroup[];
  onSwitch: QuantLabDialogProps["onSwitch"];
}
type QuantLabDialogProps = Parameters<typeof QuantLabDialog>[0];

/** Groups with at least two loadable variants: the only ones a comparison makes sense for. */
export function comparableGroups(groups: readonly ModelGroup[]): ModelGroup[] {
  return groups.filter((g) => g.variants.filter((v) => v.kind === "model" && !v.error).length >= 2);
}

export function QuantLabLauncher({ groups, onSwitch }: QuantLabLauncherProps) {
  const comparable = comparableGroups(groups);
  const openKey = useQuantLabStore((s) => s.groupKey);
  const running = useQuantLabStore((s) => s.running);
  const [chosen, setChosen] = useState("");
  const selected = chosen || comparable[0]?.key || "";
  const open = comparable.find((g) => g.key === openKey);
  return (
    <section className="card" aria-labelledby="quant-lab-title">
      <h3 id="quant-lab-title">Quant lab</h3>
      {comparable.length === 0 ? (
        <p className="muted">Add two or more quantizations of one model to compare their speed, memory and quality on your own text.</p>
      ) : (
        <div className="field">
          <label htmlFor="quant-lab-group">Compare the quants of</label>
          <select id="quant-lab-group" value={selected} onChange={(e) => setChosen(e.target.value)}>
            {comparable.map((g) => (
              <option key={g.key} value={g.key}>
                {g.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn" onClick={() => openLab(selected)}>
            {running && running.groupKey === selected ? "Show the run in progress" : "Open quant lab"}
          </button>
        </div>
      )}
      {open && <QuantLabDialog group={open} onSwitch={onSwitch} />}
    </section>
  );
}
