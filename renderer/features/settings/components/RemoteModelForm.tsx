// Add or edit one remote model: its name in Enclave, the endpoint's base URL, the model's id there,
// an optional context size and the API key. Each field is checked against the contract's schema
// and its error shown under it; the key is written (to the keychain or the 0600 file) and never
// shown back: editing shows only whether one is stored.
import { useState, type FormEvent } from "react";
import { RemoteModel } from "../../../../native/contract/settings.ts";

export interface RemoteModelDraft {
  model: RemoteModel;
  /** A new key to store; undefined keeps the stored one. */
  key?: string;
}

type Field = "id" | "baseUrl" | "model" | "contextSize" | "key";

export function RemoteModelForm(props: {
  initial: RemoteModel | null;
  hasKey: boolean;
  /** Names already taken by other remote models. */
  taken: readonly string[];
  /** Saves; resolves to an error sentence for the whole form, or null when saved. */
  onSave: (draft: RemoteModelDraft) => Promise<string | null>;
  onCancel: () => void;
}) {
  const editing = props.initial !== null;
  const [values, setValues] = useState({
    id: props.initial?.id ?? "",
    baseUrl: props.initial?.baseUrl ?? "",
    model: props.initial?.model ?? "",
    contextSize: props.initial?.contextSize?.toString() ?? "",
    key: "",
  });
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Partial<Record<Field | "form", string>> = {};
    const contextSize = values.contextSize.trim() ? Number(values.contextSize.trim()) : undefined;
    const candidate = { id: values.id.trim(), baseUrl: values.baseUrl.trim(), model: values.model.trim(), ...(contextSize !== undefined && { contextSize }) };
    const parsed = RemoteModel.safeParse(candidate);
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0]) as Field] ??= issue.message;
    if (found.baseUrl) found.baseUrl = `${found.baseUrl}: a full http:// or https:// address, such as http://gpu-server:8000/v1.`;
    if (contextSize !== undefined && !(Number.isInteger(contextSize) && contextSize >= 128)) found.contextSize = "A whole number of tokens, 128 or more.";
    if (!candidate.id) found.id = "A name is needed.";
    if (!candidate.model) found.model = "The model's id on the endpoint is needed.";
    if (!editing && props.taken.includes(candidate.id)) found.id = `"${candidate.id}" is already a remote model.`;
    if (values.key.length > 4096) found.key = "That key is longer than 4096 characters.";
    setErrors(found);
    if (!parsed.success || Object.keys(found).length) return;
    setSaving(true);
    try {
      const failed = await props.onSave({ model: parsed.data, ...(values.key.trim() && { key: values.key.trim() }) });
      if (failed) setErrors({ form: failed });
    } finally {
      setSaving(false);
    }
  };

  const field = (name: Field, label: string, hint: string, input: { type?: string; placeholder?: string; disabled?: boolean; autoComplete?: string; inputMode?: "numeric" }) => {
    const id = `remote-${name}`;
    const error = errors[name];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={values[name]}
          type={input.type ?? "text"}
          placeholder={input.placeholder}
          disabled={input.disabled}
          autoComplete={input.autoComplete ?? "off"}
          inputMode={input.inputMode}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setValues({ ...values, [name]: e.target.value });
            setErrors({ ...errors, [name]: undefined, form: undefined });
          }}
        />
        <span id={`${id}-hint`} className={error ? "field-error" : "field-hint"} role={error ? "alert" : undefined}>
          {error ?? hint}
        </span>
      </div>
    );
  };

  return (
    <form className="remote-form" aria-label={editing ? `Edit ${props.initial!.id}` : "Add a remote model"} onSubmit={(e) => void submit(e)} noValidate>
      <div className="field-grid">
        {field("id", "Name", editing ? "To rename, remove it and add it again." : "What chats and API clients call it: letters, digits, '.', '_', ':', '-'.", { disabled: editing, placeholder: "team-llm" })}
        {field("baseUrl", "Base URL", "The endpoint's OpenAI-compatible address, ending in /v1.", { placeholder: "http://gpu-server:8000/v1", type: "url" })}
        {field("model", "Model id", "The model's name on that endpoint (Test connection lists them).", { placeholder: "meta-llama/Llama-3.1-8B-Instruct" })}
        {field("contextSize", "Context size", "Optional: its context in tokens, so grounded answers fit their sources.", { inputMode: "numeric", placeholder: "Context size setting" })}
      </div>
      {field("key", "API key", props.hasKey ? "A key is stored; leave empty to keep it." : "Optional: sent as the bearer token. Never shown again after saving.", {
        type: "password",
        autoComplete: "new-password",
        placeholder: props.hasKey ? "•••••••• (stored)" : "",
      })}
      {errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="remote-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? "Saving…" : editing ? "Save changes" : "Add remote model"}
        </button>
        <button type="button" className="btn" onClick={props.onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
