// The open conversation's own settings, in a side panel: its system prompt and sampling (each
// number with its allowed range, clamped with a visible note), its context cap, its LoRA adapters,
// and a meter of how much of its context (the cap, bounded by the loaded model's) it fills, with
// what happens when that is full.
import { useEffect, useState } from "react";
import { CONTEXT_CAP_MAX, CONTEXT_CAP_MIN, type Sampling } from "../../../../native/contract/conversations.ts";
import { updateConversationSettings, useChatStore } from "../store.ts";
import { loadModel, useModelsStore } from "../../../shared/models/store.ts";
import { toast, toastError } from "../../../shared/app-store.ts";
import { clampSetting, rangeText, type Bounds } from "./clamp.ts";
import { CAP_STRATEGY, contextUse, effectiveContext, TRUNCATION_STRATEGY } from "./context-use.ts";
import { ConversationAdapters } from "./ConversationAdapters.tsx";

const CONTEXT_BOUNDS: Bounds = { min: CONTEXT_CAP_MIN, max: CONTEXT_CAP_MAX, integer: true };
const tokens = (n: number): string => n.toLocaleString("en-US");

type NumericKey = "temperature" | "topP" | "maxTokens";
const FIELDS: { key: NumericKey; label: string; bounds: Bounds; step: string }[] = [
  { key: "temperature", label: "Temperature", bounds: { min: 0, max: 5 }, step: "0.05" },
  { key: "topP", label: "Top-p", bounds: { min: 0, max: 1 }, step: "0.01" },
  { key: "maxTokens", label: "Longest answer (tokens)", bounds: { min: 1, max: 1 << 20, integer: true }, step: "1" },
];

export function ContextMeter() {
  const messages = useChatStore((s) => s.messages);
  const cap = useChatStore((s) => s.active?.contextSize ?? null);
  const loaded = useModelsStore((s) => s.loaded);
  const reloading = useModelsStore((s) => s.loading !== null);
  const { size, capped, clamped } = effectiveContext(cap, loaded?.contextSize ?? null);
  const { used, fraction } = contextUse(messages, size);
  const of = size === null ? "" : ` of ${tokens(size)} tokens${capped ? " (this conversation's cap)" : ""}`;
  const label = used === null ? `Context used: unknown${of}` : `Context used: ${tokens(used)}${of}`;
  const reload = () => {
    if (!loaded || cap === null) return;
    const threads = loaded.threadsSource === "manual" ? { threads: loaded.threads } : {};
    loadModel(loaded.model.id, { contextSize: cap, lora: loaded.lora, ...threads }).then(
      (model) => toast(model.contextSize >= cap ? `Reloaded with a context of ${tokens(model.contextSize)} tokens.` : `Reloaded; ${model.model.displayName} allows at most ${tokens(model.contextSize)} tokens of context.`),
      toastError,
    );
  };
  return (
    <div className="context-meter">
      <div className="context-meter-label">{label}</div>
      <meter min={0} max={1} value={fraction ?? 0} aria-label="Context used" aria-valuetext={label} />
      {clamped && loaded && cap !== null && (
        <div className="field-note" role="status">
          This conversation&apos;s cap of {tokens(cap)} tokens is above the loaded model&apos;s context ({tokens(loaded.contextSize)}), so {tokens(loaded.contextSize)} applies.{" "}
          <button type="button" className="btn btn-small" disabled={reloading} onClick={reload}>
            Reload {loaded.model.displayName} with {tokens(cap)} tokens
          </button>
        </div>
      )}
      <p className="field-hint">{capped ? CAP_STRATEGY : TRUNCATION_STRATEGY}</p>
    </div>
  );
}

export function ConversationSettings({ onClose }: { onClose: () => void }) {
  const active = useChatStore((s) => s.active);
  const [systemPrompt, setSystemPrompt] = useState(active?.systemPrompt ?? "");
  const [numbers, setNumbers] = useState<Record<NumericKey, string>>(() => numbersOf(active?.sampling ?? {}));
  const [notes, setNotes] = useState<Partial<Record<NumericKey | "contextSize", string>>>({});
  const [contextSize, setContextSize] = useState(active?.contextSize == null ? "" : String(active.contextSize));
  useEffect(() => {
    setSystemPrompt(active?.systemPrompt ?? "");
    setNumbers(numbersOf(active?.sampling ?? {}));
    setContextSize(active?.contextSize == null ? "" : String(active.contextSize));
  }, [active?.id, active?.systemPrompt, active?.sampling, active?.contextSize]);
  // Notes describe the last save of this conversation: another conversation starts without them.
  useEffect(() => setNotes({}), [active?.id]);

  const save = async () => {
    const sampling: Sampling = { ...(active?.sampling ?? {}) };
    const nextNotes: Partial<Record<NumericKey | "contextSize", string>> = {};
    const shown = { ...numbers };
    for (const f of FIELDS) {
      const { value, note } = clampSetting(numbers[f.key], f.bounds);
      if (value === undefined) delete sampling[f.key];
      else sampling[f.key] = value;
      shown[f.key] = value === undefined ? "" : String(value);
      if (note) nextNotes[f.key] = note;
    }
    const cap = clampSetting(contextSize, CONTEXT_BOUNDS);
    if (cap.note) nextNotes.contextSize = cap.note;
    setContextSize(cap.value === undefined ? "" : String(cap.value));
    setNumbers(shown);
    setNotes(nextNotes);
    try {
      await updateConversationSettings({ systemPrompt, sampling, contextSize: cap.value ?? null });
      toast("Saved this conversation's settings.");
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <aside className="conversation-settings" aria-label="Conversation settings">
      <header className="conversation-settings-head">
        <h2>This conversation</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </header>
      <ContextMeter />
      {!active ? (
        <p className="field-hint">Send a first message: settings belong to a conversation.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor="conv-system-prompt">System prompt</label>
          <textarea id="conv-system-prompt" rows={4} value={systemPrompt} onChange={(e) => setSystemPrompt(e.target.value)} />
          {FIELDS.map((f) => (
            <div className="field" key={f.key}>
              <label htmlFor={`conv-${f.key}`}>{f.label}</label>
              <input id={`conv-${f.key}`} type="number" inputMode="decimal" step={f.step} value={numbers[f.key]} placeholder="default" aria-describedby={`conv-${f.key}-range`} onChange={(e) => setNumbers({ ...numbers, [f.key]: e.target.value })} />
              <p id={`conv-${f.key}-range`} className="field-hint">
                Allowed: {rangeText(f.bounds)}. Empty: the global setting.
              </p>
              {notes[f.key] && (
                <p className="field-note" role="status">
                  {notes[f.key]}
                </p>
              )}
            </div>
          ))}
          <div className="field">
            <label htmlFor="conv-contextSize">Context size (tokens)</label>
            <input id="conv-contextSize" type="number" inputMode="numeric" step="1" value={contextSize} placeholder="the model's" aria-describedby="conv-contextSize-range" onChange={(e) => setContextSize(e.target.value)} />
            <p id="conv-contextSize-range" className="field-hint">
              Allowed: {rangeText(CONTEXT_BOUNDS)}. Caps what this conversation uses of the loaded model&apos;s context. Empty: all of it.
            </p>
            {notes.contextSize && (
              <p className="field-note" role="status">
                {notes.contextSize}
              </p>
            )}
          </div>
          <button type="submit" className="btn btn-primary btn-small">
            Save
          </button>
        </form>
      )}
      {active && <ConversationAdapters />}
    </aside>
  );
}

function numbersOf(sampling: Sampling): Record<NumericKey, string> {
  return {
    temperature: sampling.temperature === undefined ? "" : String(sampling.temperature),
    topP: sampling.topP === undefined ? "" : String(sampling.topP),
    maxTokens: sampling.maxTokens === undefined ? "" : String(sampling.maxTokens),
  };
}
