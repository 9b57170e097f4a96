// This conversation's own LoRA adapters, in its settings panel. With no list of its own a
// conversation follows the loaded model's adapters (Models page); once it has one (even an empty
// one: "no adapters"), the engine applies exactly that list, hot-swapped without reloading the model,
// whenever this conversation answers. Adapters come from the library or from a file path; each change
// is saved at once (conversations.update) and takes effect on the next answer. Styles:
// renderer/features/lora/lora.css (bundled with the Models card; node tests cannot import CSS).
import { useEffect, useState } from "react";
import type { ConversationAdapter } from "../../../../native/contract/conversations.ts";
import { updateConversationSettings, useChatStore } from "../store.ts";
import { refreshModels, useModelsStore } from "../../../shared/models/store.ts";
import { clampScale } from "../../../shared/lora/scale.ts";
import { AdapterRow } from "../../../shared/lora/AdapterRow.tsx";
import { AdapterPicker } from "../../../shared/lora/AdapterPicker.tsx";
import { fileName } from "../../../shared/format.ts";
import { errorMessage } from "../../../shared/errors.ts";

export function ConversationAdapters() {
  const active = useChatStore((s) => s.active);
  const listed = useModelsStore((s) => s.listed);
  const groups = useModelsStore((s) => s.groups);
  const loaded = useModelsStore((s) => s.loaded);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState("");
  useEffect(() => {
    if (!listed) void refreshModels().catch(() => {}); // the library's adapters, offered below
  }, [listed]);
  useEffect(() => setError(null), [active?.id]);
  if (!active) return null;

  const own = active.lora ?? null;
  const modelAdapters = (loaded?.lora ?? []).map((a) => ({ path: a.path, scale: a.scale }));
  const base = own ?? modelAdapters; // a first own list starts from what the conversation used

  const save = async (next: ConversationAdapter[] | null) => {
    setSaving(true);
    setError(null);
    try {
      await updateConversationSettings({ lora: next });
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setSaving(false);
    }
  };
  const add = async (adapterPath: string) => {
    const trimmed = adapterPath.trim();
    if (!trimmed) return setError("Type the path of an adapter file (.gguf) first.");
    if (base.some((a) => a.path === trimmed)) return setError(`${fileName(trimmed)} is already in this conversation's list.`);
    if (base.length >= 8) return setError("A conversation can use at most 8 adapters.");
    if ((await save([...base, { path: trimmed, scale: 1 }])) && trimmed === path.trim()) setPath("");
  };

  return (
    <section className="conversation-adapters" aria-labelledby="conv-lora-title">
      <h3 id="conv-lora-title">LoRA adapters</h3>
      {own === null ? (
        <p className="field-hint">
          Follows the loaded model&apos;s adapters (Models page): {modelAdapters.length ? modelAdapters.map((a) => `${fileName(a.path)} ×${a.scale}`).join(", ") : "none"}. Add one, or choose none, to give this conversation its own list.
        </p>
      ) : own.length === 0 ? (
        <p className="field-hint">None: this conversation is answered without adapters.</p>
      ) : (
        <ul className="lora-list" aria-label="This conversation's adapters">
          {own.map((a) => (
            <AdapterRow
              key={a.path}
              adapter={a}
              disabled={saving}
              removeLabel={`Remove ${fileName(a.path)} from this conversation`}
              buttonClass="btn btn-small"
              onScale={(scale) => void save(own.map((b) => (b.path === a.path ? { ...b, scale: clampScale(scale) } : b)))}
              onRemove={() => void save(own.filter((b) => b.path !== a.path))}
            />
          ))}
        </ul>
      )}
      <AdapterPicker groups={groups} exclude={base} id="conv-lora-choice" label="From your adapters" disabled={saving} className="btn btn-small" onAdd={(adapterPath) => void add(adapterPath)} />
      <div className="field lora-add">
        <label htmlFor="conv-lora-path">Adapter file path</label>
        <input id="conv-lora-path" type="text" value={path} placeholder="/path/to/adapter.gguf" disabled={saving} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === "Enter" && void add(path)} />
        <button type="button" className="btn btn-small" disabled={saving || !path.trim()} onClick={() => void add(path)}>
          Add file
        </button>
      </div>
      <div className="lora-add">
        {own === null || own.length > 0 ? (
          <button type="button" className="btn btn-small" disabled={saving} onClick={() => void save([])}>
            Use no adapters
          </button>
        ) : null}
        {own !== null && (
          <button type="button" className="btn btn-small" disabled={saving} onClick={() => void save(null)}>
            Follow the model&apos;s adapters
          </button>
        )}
      </div>
      <p className="field-hint">Applied when this conversation answers, without reloading the model; each answer names the adapters it was written with.</p>
      {error && (
        <p className="field-note" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
