// One LoRA adapter in a list (its name, its scale, Remove), shared by the Models card and a
// conversation's settings. The scale applies when left or on Enter, not on every keystroke (each
// apply remakes the context or writes a record).
import { useState } from "react";
import { fileName } from "../format.ts";
import { MAX_SCALE, MIN_SCALE } from "./scale.ts";

export function ScaleInput({ name, scale, disabled, onCommit }: { name: string; scale: number; disabled: boolean; onCommit: (scale: number) => void }) {
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

/** A row of an adapter list: the file name (full path on hover), its scale and a Remove button. */
export function AdapterRow({ adapter, disabled, removeLabel, buttonClass, onScale, onRemove }: { adapter: { path: string; scale: number }; disabled: boolean; removeLabel: string; buttonClass: string; onScale: (scale: number) => void; onRemove: () => void }) {
  const name = fileName(adapter.path);
  return (
    <li>
      <span className="lora-name" title={adapter.path}>
        {name}
      </span>
      <ScaleInput name={name} scale={adapter.scale} disabled={disabled} onCommit={onScale} />
      <button type="button" className={buttonClass} disabled={disabled} aria-label={removeLabel} onClick={onRemove}>
        Remove
      </button>
    </li>
  );
}
