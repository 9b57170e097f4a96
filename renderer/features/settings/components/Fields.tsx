// Setting fields: each saves on its own (toggle and choice at once, text and numbers when the field
// is left) and shows the engine's or the schema's error right under it.
import { useEffect, useState, type ReactNode } from "react";
import { clearError, useSettingsStore } from "../../../shared/settings/store.ts";

/** The line under a field: its error (announced), else the policy lock, else the hint. */
function FieldHint({ id, hint, error, locked }: { id: string; hint?: string; error?: string; locked: boolean }) {
  return (
    <span id={`${id}-hint`} className={error ? "field-error" : "field-hint"} role={error ? "alert" : undefined}>
      {error ?? (locked ? "Set by your organisation's policy." : hint)}
    </span>
  );
}

function Shell({ id, label, hint, error, locked, children }: { id: string; label: string; hint?: string; error?: string; locked: boolean; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldHint id={id} hint={hint} error={error} locked={locked} />
    </div>
  );
}

function useFieldState(key: string) {
  const error = useSettingsStore((s) => s.errors[key]);
  const locked = useSettingsStore((s) => s.locked.includes(key.split(".")[0]!));
  return { error, locked };
}

export function NumberField(props: { name: string; label: string; hint?: string; value: number | null; emptyMeans?: string; required?: boolean; onCommit: (value: number | null) => void }) {
  const { error, locked } = useFieldState(props.name);
  const [text, setText] = useState(props.value?.toString() ?? "");
  useEffect(() => setText(props.value?.toString() ?? ""), [props.value]);
  const id = `setting-${props.name}`;
  const localError = !text.trim() ? (props.required ? "A value is needed." : undefined) : !Number.isFinite(Number(text)) ? "Enter a number." : undefined;
  return (
    <Shell id={id} label={props.label} hint={props.hint} error={localError ?? error} locked={locked}>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        disabled={locked}
        placeholder={props.emptyMeans}
        aria-invalid={localError || error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setText(e.target.value);
          clearError(props.name);
        }}
        onBlur={() => {
          const trimmed = text.trim();
          if (localError) return;
          const next = trimmed ? Number(trimmed) : null;
          if (next !== props.value) props.onCommit(next);
        }}
      />
    </Shell>
  );
}

export function TextAreaField(props: { name: string; label: string; hint?: string; value: string; onCommit: (value: string) => void }) {
  const { error, locked } = useFieldState(props.name);
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const id = `setting-${props.name}`;
  return (
    <Shell id={id} label={props.label} hint={props.hint} error={error} locked={locked}>
      <textarea
        id={id}
        rows={4}
        value={text}
        disabled={locked}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== props.value && props.onCommit(text)}
      />
    </Shell>
  );
}

export function ToggleField(props: { name: string; label: string; hint: string; checked: boolean; onCommit: (value: boolean) => void }) {
  const { error, locked } = useFieldState(props.name);
  const id = `setting-${props.name}`;
  return (
    <div className="field field-toggle">
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" role="switch" checked={props.checked} disabled={locked} aria-describedby={`${id}-hint`} onChange={(e) => props.onCommit(e.target.checked)} />
        {props.label}
      </label>
      <FieldHint id={id} hint={props.hint} error={error} locked={locked} />
    </div>
  );
}

export function SelectField(props: { name: string; label: string; hint?: string; value: string; options: { value: string; label: string }[]; onCommit: (value: string) => void }) {
  const { error, locked } = useFieldState(props.name);
  const id = `setting-${props.name}`;
  return (
    <Shell id={id} label={props.label} hint={props.hint} error={error} locked={locked}>
      <select id={id} value={props.value} disabled={locked} aria-describedby={`${id}-hint`} onChange={(e) => props.onCommit(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}
