// "LoRA adapters" beside the loaded model in Models: the adapters applied now, each with its scale
// and a Remove button, and the library's adapters to add. Changes apply at once without reloading
// the model (the engine makes its context again); conversations carry on.
import { useState } from "react";
import type { ModelGroup } from "../../../native/contract/models.ts";
import { useModelsStore } from "../../shared/models/store.ts";
import { addAdapter, MAX_SCALE, MIN_SCALE, removeAdapter, setScale, useLoraStore } from "./store.ts";
import "./lora.css";

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

export function LoraPanel({ groups }: { groups: ModelGroup[] }) {
  const loaded = useModelsStore((s) => s.loaded);
  const { applying, error } = useLoraStore();
  const [choice, setChoice] = useState("");
  if (!loaded) return null;
  const applied = loaded.lora;
  const available = groups.flatMap((g) => g.variants).filter((v) => v.kind === "adapter" && !v.error && !applied.some((a) => a.path === v.path));
  const selected = choice && available.some((v) => v.path === choice) ? choice : (available[0]?.path ?? "");

  return (
    <section className="card lora-panel" aria-labelledby="lora-title">
      <h3 id="lora-title">LoRA adapters</h3>
      {applied.length === 0 ? (
        <p className="muted">None applied to {loaded.model.name ?? loaded.model.displayName}.</p>
      ) : (
        <ul className="lora-list" aria-label="Applied adapters">
          {applied.map((a) => (
            <li key={a.path}>
              <span className="lora-name" title={a.path}>
                {fileName(a.path)}
              </span>
              <ScaleInput name={fileName(a.path)} scale={a.scale} disabled={applying} onCommit={(s) => void setScale(a.path, s)} />
              <button type="button" className="btn" disabled={applying} aria-label={`Remove ${fileName(a.path)}`} onClick={() => void removeAdapter(a.path)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {available.length > 0 && (
        <div className="field lora-add">
          <label htmlFor="lora-choice">Adapter</label>
          <select id="lora-choice" value={selected} disabled={applying} onChange={(e) => setChoice(e.target.value)}>
            {available.map((v) => (
              <option key={v.id} value={v.path}>
                {v.displayName}
              </option>
            ))}
          </select>
          <button type="button" className="btn" disabled={applying || !selected} onClick={() => void addAdapter(selected)}>
            Add adapter
          </button>
        </div>
      )}
      {applying && <p role="status">Applying adapters…</p>}
      {error && (
        <p className="documents-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** A scale field that applies when left or on Enter, not on every keystroke (each apply remakes the context). */
function ScaleInput({ name, scale, disabled, onCommit }: { name: string; scale: number; disabled: boolean; onCommit: (scale: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft.trim() !== "") onCommit(Number(draft));
    setDraft(null);
  };
  return (
    <input
      type="number"
      className="lora-scale"
      aria-label={`Scale of ${name}`}
      min={MIN_SCALE}
      max={MAX_SCALE}
      step={0.1}
      value={draft ?? String(scale)}
      disabled={disabled}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  );
}
