// The open conversation's own settings, in a side panel: its system prompt and sampling (each
// number with its allowed range, clamped with a visible note), the collection it is grounded in,
// and a meter of how much of the model's context it fills, with what happens when that is full.
import { useEffect, useState } from "react";
import type { Sampling } from "../../../../native/contract/conversations.ts";
import { updateConversationSettings, useChatStore } from "../store.ts";
import { useModelsStore } from "../../../shared/models/store.ts";
import { toast, toastError } from "../../../shared/app-store.ts";
import { clampSetting, rangeText, type Bounds } from "./clamp.ts";
import { contextUse, TRUNCATION_STRATEGY } from "./context-use.ts";

type NumericKey = "temperature" | "topP" | "maxTokens";
const FIELDS: { key: NumericKey; label: string; bounds: Bounds; step: string }[] = [
  { key: "temperature", label: "Temperature", bounds: { min: 0, max: 5 }, step: "0.05" },
  { key: "topP", label: "Top-p", bounds: { min: 0, max: 1 }, step: "0.01" },
  { key: "maxTokens", label: "Longest answer (tokens)", bounds: { min: 1, max: 1 << 20, integer: true }, step: "1" },
];

export function ContextMeter() {
  const messages = useChatStore((s) => s.messages);
  const size = useModelsStore((s) => s.loaded?.contextSize ?? null);
  const { used, fraction } = contextUse(messages, size);
  const label = used === null || size === null ? `Context used: unknown${size ? ` of ${size.toLocaleString("en-US")} tokens` : ""}` : `Context used: ${used.toLocaleString("en-US")} of ${size.toLocaleString("en-US")} tokens`;
  return (
    <div className="context-meter">
      <div className="context-meter-label">{label}</div>
      <meter min={0} max={1} value={fraction ?? 0} aria-label="Context used" aria-valuetext={label} />
      <p className="field-hint">{TRUNCATION_STRATEGY}</p>
    </div>
  );
}

export function ConversationSettings({ onClose }: { onClose: () => void }) {
  const active = useChatStore((s) => s.active);
  const [systemPrompt, setSystemPrompt] = useState(active?.systemPrompt ?? "");
  const [numbers, setNumbers] = useState<Record<NumericKey, string>>(() => numbersOf(active?.sampling ?? {}));
  const [notes, setNotes] = useState<Partial<Record<NumericKey, string>>>({});
  useEffect(() => {
    setSystemPrompt(active?.systemPrompt ?? "");
    setNumbers(numbersOf(active?.sampling ?? {}));
  }, [active?.id, active?.systemPrompt, active?.sampling]);
  // Notes describe the last save of this conversation: another conversation starts without them.
  useEffect(() => setNotes({}), [active?.id]);

  const save = async () => {
    const sampling: Sampling = { ...(active?.sampling ?? {}) };
    const nextNotes: Partial<Record<NumericKey, string>> = {};
    const shown = { ...numbers };
    for (const f of FIELDS) {
      const { value, note } = clampSetting(numbers[f.key], f.bounds);
      if (value === undefined) delete sampling[f.key];
      else sampling[f.key] = value;
      shown[f.key] = value === undefined ? "" : String(value);
      if (note) nextNotes[f.key] = note;
    }
    setNumbers(shown);
    setNotes(nextNotes);
    try {
      await updateConversationSettings({ systemPrompt, sampling });
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
          <button type="submit" className="btn btn-primary btn-small">
            Save
          </button>
        </form>
      )}
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
