// The model being loaded, how far along, and a way to stop it.
import { cancelLoad, findVariant, useModelsStore } from "../store.ts";
import { ProgressBar } from "../../../components/ProgressBar.tsx";

export function LoadProgress() {
  const loading = useModelsStore((s) => s.loading);
  const groups = useModelsStore((s) => s.groups);
  if (!loading) return null;
  const name = findVariant(groups, loading.modelId)?.displayName ?? "model";
  const percent = loading.fraction === null ? "" : ` ${Math.round(loading.fraction * 100)}%`;
  return (
    <div className="load-progress card" role="status">
      <div className="load-progress-text">
        Loading {name}…{percent}
        {loading.message && <span className="muted"> {loading.message}</span>}
      </div>
      <ProgressBar label={`Loading ${name}`} fraction={loading.fraction} />
      <button type="button" className="btn btn-small" onClick={cancelLoad}>
        Cancel
      </button>
    </div>
  );
}
