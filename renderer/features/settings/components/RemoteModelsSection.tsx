// Settings → Remote models: OpenAI-compatible endpoints (vLLM, llama.cpp's server, Ollama, another
// Enclave) used as models. Add, edit, remove; test a connection (the endpoint's model ids, or why it
// failed); keys go to the OS keychain in the app (a 0600 file elsewhere) and are never shown back.
import { useCallback, useEffect, useState } from "react";
import type { RemoteModel, Settings } from "../../../../native/contract/settings.ts";
import type { ApiOutput } from "../../../../native/contract/api.ts";
import { api } from "../../../services/api.ts";
import { errorMessage } from "../../../shared/errors.ts";
import { toastError } from "../../../shared/app-store.ts";
import { clearError, saveSettings, useSettingsStore } from "../../../shared/settings/store.ts";
import { ConfirmDialog } from "../../../components/ConfirmDialog.tsx";
import { RemoteModelForm, type RemoteModelDraft } from "./RemoteModelForm.tsx";

type Keys = ApiOutput<"remote.keys">;
type TestResult = { ok: true; text: string } | { ok: false; text: string };

function describeTest(model: RemoteModel, out: ApiOutput<"remote.test">): TestResult {
  const listed = out.models.length > 8 ? `${out.models.slice(0, 8).join(", ")} and ${out.models.length - 8} more` : out.models.join(", ") || "none";
  return out.modelListed
    ? { ok: true, text: `Connected in ${out.latencyMs} ms; it serves "${model.model}".` }
    : { ok: false, text: `Connected, but it does not serve "${model.model}". It serves: ${listed}.` };
}

/** Saves settings; resolves to the reason they were refused (schema, policy, engine), or null. */
async function save(patch: Partial<Settings>): Promise<string | null> {
  try {
    if (await saveSettings(patch)) return null;
    const errors = useSettingsStore.getState().errors;
    for (const key of Object.keys(errors)) clearError(key);
    return Object.values(errors)[0] ?? "The settings were not saved.";
  } catch (err) {
    return errorMessage(err);
  }
}

export function RemoteModelsSection({ value, offline }: { value: readonly RemoteModel[]; offline: boolean }) {
  const [keys, setKeys] = useState<Keys | null>(null);
  const [editing, setEditing] = useState<RemoteModel | "new" | null>(null);
  const [removing, setRemoving] = useState<RemoteModel | null>(null);
  const [tests, setTests] = useState<Record<string, TestResult | "testing">>({});

  const refreshKeys = useCallback(() => api().invoke("remote.keys", {}).then(setKeys).catch(toastError), []);
  useEffect(() => void refreshKeys(), [refreshKeys]);

  const hasKey = (id: string): boolean => keys?.withKey.includes(id) ?? false;

  const onSave = async (draft: RemoteModelDraft): Promise<string | null> => {
    const others = value.filter((m) => m.id !== draft.model.id);
    const at = value.findIndex((m) => m.id === draft.model.id);
    const next = at >= 0 ? value.map((m) => (m.id === draft.model.id ? draft.model : m)) : [...others, draft.model];
    const failed = await save({ remoteModels: next });
    if (failed) return failed;
    if (draft.key !== undefined) {
      try {
        await api().invoke("remote.setKey", { id: draft.model.id, key: draft.key });
      } catch (err) {
        await refreshKeys();
        return `Saved, but its API key was not stored: ${errorMessage(err)}`;
      }
    }
    await refreshKeys();
    setTests(({ [draft.model.id]: _old, ...rest }) => rest);
    setEditing(null);
    return null;
  };

  const remove = async (model: RemoteModel): Promise<void> => {
    setRemoving(null);
    const failed = await save({ remoteModels: value.filter((m) => m.id !== model.id) });
    if (failed) return toastError({ message: failed });
    if (hasKey(model.id)) await api().invoke("remote.setKey", { id: model.id, key: null }).catch(toastError);
    await refreshKeys();
  };

  const test = async (model: RemoteModel): Promise<void> => {
    setTests((t) => ({ ...t, [model.id]: "testing" }));
    let result: TestResult;
    try {
      result = describeTest(model, await api().invoke("remote.test", { id: model.id }));
    } catch (err) {
      result = { ok: false, text: errorMessage(err) };
    }
    setTests((t) => ({ ...t, [model.id]: result }));
  };

  return (
    <section className="card" aria-labelledby="s-remote">
      <h2 id="s-remote">Remote models</h2>
      <p className="field-hint">
        OpenAI-compatible servers (vLLM, llama.cpp's server, Ollama, another Enclave) used as models in chats and the API. Your documents are still searched on this computer;
        only the question with its passages is sent. Keys are kept {keys?.store === "keychain" ? "in the system keychain" : "in a file only you can read"}, never in settings.
        {offline ? " Offline mode is on, so they are not contacted." : ""}
      </p>
      {value.length ? (
        <ul className="remote-list" aria-label="Remote models">
          {value.map((model) => {
            const result = tests[model.id];
            return (
              <li key={model.id} className="remote-item">
                <div className="remote-summary">
                  <strong>{model.id}</strong>
                  <span className="field-hint">
                    {model.model} at <code>{model.baseUrl}</code> · {hasKey(model.id) ? "key stored" : "no key"}
                  </span>
                </div>
                <div className="remote-actions">
                  <button type="button" className="btn btn-small" disabled={result === "testing"} onClick={() => void test(model)} aria-label={`Test connection to ${model.id}`}>
                    {result === "testing" ? "Testing…" : "Test connection"}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(model)} aria-label={`Edit ${model.id}`}>
                    Edit
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setRemoving(model)} aria-label={`Remove ${model.id}`}>
                    Remove
                  </button>
                </div>
                {result && result !== "testing" ? (
                  <p className={result.ok ? "field-hint" : "field-error"} role={result.ok ? "status" : "alert"}>
                    {result.text}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {editing ? (
        <RemoteModelForm
          key={editing === "new" ? "new" : editing.id}
          initial={editing === "new" ? null : editing}
          hasKey={editing !== "new" && hasKey(editing.id)}
          taken={value.map((m) => m.id)}
          onSave={onSave}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="btn" onClick={() => setEditing("new")}>
          Add a remote model…
        </button>
      )}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.id}?`}
          message={`Chats and API clients can no longer use "${removing.id}", and its stored API key is forgotten. Conversations it answered keep their answers.`}
          confirmLabel="Remove"
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </section>
  );
}
