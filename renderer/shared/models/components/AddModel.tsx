// Adds a GGUF file or a folder of them: a native dialog in the desktop app, a typed path in the
// browser (the web host reads files on its own machine, so a path is what it needs).
import { useState } from "react";
import { addModelFolder } from "../store.ts";
import { api } from "../../../services/api.ts";
import { toast } from "../../app-store.ts";
import { useAppStore } from "../../app-store.ts";
import { errorMessage } from "../../errors.ts";
import { addedSummary } from "../feedback.ts";

export function AddModel({ onAdded }: { onAdded?: (count: number) => void }) {
  const fileDialogs = useAppStore((s) => s.host?.fileDialogs ?? false);
  const [path, setPath] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(target: string) {
    setBusy(true);
    setError(null);
    try {
      const models = await addModelFolder(target);
      toast(addedSummary(models));
      setPath("");
      onAdded?.(models.length);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function browse() {
    try {
      const { paths } = await api().invoke("shell.pickPaths", { purpose: "model", multiple: false });
      if (paths[0]) await add(paths[0]);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form
      className="add-model"
      onSubmit={(e) => {
        e.preventDefault();
        void add(path);
      }}
    >
      <label htmlFor="add-model-path">Model file or folder</label>
      <div className="input-row">
        <input
          id="add-model-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/home/you/models or …/model.Q4_K_M.gguf"
          aria-invalid={error ? true : undefined}
          aria-describedby="add-model-msg"
          spellCheck={false}
        />
        <button type="submit" className="btn" disabled={busy || !path.trim()}>
          {busy ? "Adding…" : "Add"}
        </button>
        {fileDialogs && (
          <button type="button" className="btn" disabled={busy} onClick={() => void browse()}>
            Browse…
          </button>
        )}
      </div>
      <span id="add-model-msg" className={error ? "field-error" : "field-hint"} role={error ? "alert" : undefined}>
        {error ?? (busy ? "Reading the model files…" : "Files stay where they are; Enclave only reads them.")}
      </span>
    </form>
  );
}
