// Where the library looks: other apps' folders (found automatically) and the user's own.
import { removeModelFolder, useModelsStore } from "../../../shared/models/store.ts";
import { sourceLabel } from "../../../shared/format.ts";
import { IconButton } from "../../../components/IconButton.tsx";
import { toastError } from "../../../shared/app-store.ts";

export function FolderList() {
  const folders = useModelsStore((s) => s.folders);
  const scanErrors = useModelsStore((s) => s.scanErrors);
  if (!folders.length && !scanErrors.length) return null;
  return (
    <section className="card" aria-labelledby="folders-title">
      <h3 id="folders-title">Folders scanned</h3>
      <ul className="folder-list">
        {folders.map((f) => (
          <li key={f.path} className={f.exists ? "" : "muted"}>
            <span className="folder-path" title={f.path}>
              {f.path}
            </span>
            <span className="tag">{sourceLabel[f.source] ?? f.source}</span>
            {!f.exists && <span className="muted">not present</span>}
            {!f.auto && <IconButton icon="close" label={`Stop scanning ${f.path}`} onClick={() => void removeModelFolder(f.path).catch(toastError)} />}
          </li>
        ))}
      </ul>
      {scanErrors.map((e) => (
        <p key={e.path} className="error-text">
          {e.path}: {e.message}
        </p>
      ))}
    </section>
  );
}
