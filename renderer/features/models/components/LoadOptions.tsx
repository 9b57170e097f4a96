// Context size, GPU layers and threads for the next load. Empty fields use the engine's settings
// (threads: measured for this machine and model).
import { useState } from "react";
import { setOverrides, useModelsStore, type LoadOverrides } from "../../../shared/models/store.ts";

type Draft = { contextSize: string; gpuLayers: string; threads: string };

function toDraft(o: LoadOverrides): Draft {
  return { contextSize: o.contextSize?.toString() ?? "", gpuLayers: o.gpuLayers?.toString() ?? "", threads: o.threads?.toString() ?? "" };
}

/** Parses the form; returns the overrides or the error of each bad field. */
export function parseLoadOptions(draft: Draft): { overrides: LoadOverrides } | { errors: Partial<Record<keyof Draft, string>> } {
  const errors: Partial<Record<keyof Draft, string>> = {};
  const overrides: LoadOverrides = {};
  const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);
  if (draft.contextSize.trim()) {
    const n = int(draft.contextSize);
    if (!(n >= 128 && n <= 1 << 20)) errors.contextSize = "A whole number of tokens from 128 to 1,048,576.";
    else overrides.contextSize = n;
  }
  const gpu = draft.gpuLayers.trim().toLowerCase();
  if (gpu === "auto" || gpu === "max") overrides.gpuLayers = gpu;
  else if (gpu) {
    const n = int(gpu);
    if (!(n >= 0)) errors.gpuLayers = "“auto”, “max”, or a number of layers (0 = CPU only).";
    else overrides.gpuLayers = n;
  }
  if (draft.threads.trim()) {
    const n = int(draft.threads);
    if (!(n >= 1 && n <= 1024)) errors.threads = "A whole number from 1 to 1024, or empty for the measured best.";
    else overrides.threads = n;
  }
  return Object.keys(errors).length ? { errors } : { overrides };
}

export function LoadOptions() {
  const overrides = useModelsStore((s) => s.overrides);
  const [draft, setDraft] = useState<Draft>(() => toDraft(overrides));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});

  function update(key: keyof Draft, value: string) {
    const next = { ...draft, [key]: value };
    setDraft(next);
    const parsed = parseLoadOptions(next);
    if ("errors" in parsed) setErrors(parsed.errors);
    else {
      setErrors({});
      setOverrides(parsed.overrides);
    }
  }

  const field = (key: keyof Draft, label: string, placeholder: string, hint: string) => (
    <div className="field">
      <label htmlFor={`load-${key}`}>{label}</label>
      <input
        id={`load-${key}`}
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => update(key, e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={`load-${key}-hint`}
      />
      <span id={`load-${key}-hint`} className={errors[key] ? "field-error" : "field-hint"}>
        {errors[key] ?? hint}
      </span>
    </div>
  );

  return (
    <section className="card load-options" aria-labelledby="load-options-title">
      <h3 id="load-options-title">Load options</h3>
      <div className="field-row">
        {field("contextSize", "Context size", "from Settings", "Tokens the model can see at once.")}
        {field("gpuLayers", "GPU layers", "auto", "auto, max, or a number.")}
        {field("threads", "Threads", "measured", "Empty: the fastest count measured here.")}
      </div>
    </section>
  );
}
