// Beside a disabled Send when no model is loaded: why it is disabled, and the way back in one
// click: "Load <the last model>", or the switcher when there is none to offer.
import { useEffect, useState } from "react";
import { loadModel, useModelsStore } from "../../../shared/models/store.ts";
import { setSwitcherOpen, toastError } from "../../../shared/app-store.ts";
import { lastModel, rememberLastModel, type LastModel } from "../last-model.ts";

export const NO_MODEL_NOTE_ID = "no-model-note";

/** Keeps the last loaded model remembered; returns it while none is loaded. */
export function useLastModel(): LastModel | null {
  const loaded = useModelsStore((s) => s.loaded);
  const [last, setLast] = useState<LastModel | null>(() => lastModel());
  useEffect(() => {
    if (!loaded) return;
    const model = { id: loaded.model.id, name: loaded.model.displayName };
    rememberLastModel(model);
    setLast(model);
  }, [loaded]);
  return loaded ? null : last;
}

export function NoModelBar() {
  const last = useLastModel();
  const loading = useModelsStore((s) => s.loading);
  return (
    <div className="no-model-bar" role="note">
      <span id={NO_MODEL_NOTE_ID}>No model is loaded, so Send is off.</span>
      {last ? (
        <button type="button" className="btn btn-small btn-primary" disabled={loading !== null} onClick={() => void loadModel(last.id).catch(toastError)}>
          {loading ? "Loading…" : `Load ${last.name}`}
        </button>
      ) : null}
      <button type="button" className="btn btn-small" onClick={() => setSwitcherOpen(true)}>
        Choose a model
      </button>
    </div>
  );
}
