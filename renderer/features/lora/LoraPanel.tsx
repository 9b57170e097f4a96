// "LoRA adapters" beside the loaded model in Models: the adapters applied now, each with its scale
// and a Remove button, and the library's adapters to add. Changes apply at once without reloading
// the model (the engine makes its context again); conversations carry on.
//
// With per-conversation adapters this card is the view of what the loaded context carries now, and
// the list that conversations without one of their own follow (new chats, the CLI, old
// conversations). A conversation with its own list (its settings panel) has it applied when it
// answers, so after such an answer this card shows that conversation's adapters.
import type { ModelGroup } from "../../../native/contract/models.ts";
import { useModelsStore } from "../../shared/models/store.ts";
import { fileName } from "../../shared/format.ts";
import { AdapterPicker } from "../../shared/lora/AdapterPicker.tsx";
import { AdapterRow } from "../../shared/lora/AdapterRow.tsx";
import { addAdapter, removeAdapter, setScale, useLoraStore } from "./store.ts";
import "./lora.css";

export function LoraPanel({ groups }: { groups: ModelGroup[] }) {
  const loaded = useModelsStore((s) => s.loaded);
  const { applying, error } = useLoraStore();
  if (!loaded) return null;
  const applied = loaded.lora;

  return (
    <section className="card lora-panel" aria-labelledby="lora-title">
      <h3 id="lora-title">LoRA adapters</h3>
      {applied.length === 0 ? (
        <p className="muted">None applied to {loaded.model.name ?? loaded.model.displayName}.</p>
      ) : (
        <ul className="lora-list" aria-label="Applied adapters">
          {applied.map((a) => (
            <AdapterRow key={a.path} adapter={a} disabled={applying} removeLabel={`Remove ${fileName(a.path)}`} buttonClass="btn" onScale={(s) => void setScale(a.path, s)} onRemove={() => void removeAdapter(a.path)} />
          ))}
        </ul>
      )}
      <AdapterPicker groups={groups} exclude={applied} id="lora-choice" label="Adapter" disabled={applying} className="btn" onAdd={(path) => void addAdapter(path)} />
      <p className="field-hint">Conversations follow these unless they have adapters of their own (set in a conversation's settings), which are applied when that conversation answers.</p>
      {applying && <p role="status">Applying adapters…</p>}
      {error && (
        <p className="documents-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
