// The library's adapters not yet in a list, to add one: shared by the Models card and a
// conversation's settings. Nothing is shown when there is nothing to add.
import { useState } from "react";
import type { ModelGroup } from "../../../native/contract/models.ts";

export function AdapterPicker({ groups, exclude, id, label, disabled, className, onAdd }: { groups: ModelGroup[]; exclude: readonly { path: string }[]; id: string; label: string; disabled: boolean; className: string; onAdd: (path: string) => void }) {
  const [choice, setChoice] = useState("");
  const available = groups.flatMap((g) => g.variants).filter((v) => v.kind === "adapter" && !v.error && !exclude.some((a) => a.path === v.path));
  const selected = choice && available.some((v) => v.path === choice) ? choice : (available[0]?.path ?? "");
  if (available.length === 0) return null;
  return (
    <div className="field lora-add">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={selected} disabled={disabled} onChange={(e) => setChoice(e.target.value)}>
        {available.map((v) => (
          <option key={v.id} value={v.path}>
            {v.displayName}
          </option>
        ))}
      </select>
      <button type="button" className={className} disabled={disabled || !selected} onClick={() => onAdd(selected)}>
        Add adapter
      </button>
    </div>
  );
}
