// A recommended model: what it is good for, its size and licence, and its download. The licence
// must be accepted before the download starts (and so before the model's first load).
import { useState } from "react";
import type { CatalogModel } from "./catalog.ts";
import { cancelDownload, downloadCatalogModel, useOnboardingStore } from "../onboarding/store.ts";
import { acknowledgeLicence, refreshModels } from "../models/store.ts";
import { formatBytes } from "../format.ts";
import { ProgressBar } from "../../components/ProgressBar.tsx";
import { toast, toastError } from "../app-store.ts";
import type { ModelEntry } from "../../../native/contract/models.ts";

export interface CatalogCardProps {
  item: CatalogModel;
  offline: boolean;
  onLoad: (entry: ModelEntry) => void;
}

export function CatalogCard({ item, offline, onLoad }: CatalogCardProps) {
  const download = useOnboardingStore((s) => s.downloads[item.id]);
  const done = useOnboardingStore((s) => s.downloaded[item.id]);
  const [accepted, setAccepted] = useState(false);
  const checkId = `licence-${item.id}`;

  function start() {
    downloadCatalogModel(item, offline).then(
      (entry) => {
        acknowledgeLicence(entry.id);
        toast(`${item.name} downloaded.`);
        refreshModels().catch(toastError);
      },
      toastError,
    );
  }

  return (
    <article className="card catalog-card" aria-labelledby={`${checkId}-name`}>
      <header className="catalog-head">
        <h3 id={`${checkId}-name`}>{item.name}</h3>
        <span className="muted">
          {item.parameters} · {item.quant} · {formatBytes(item.sizeBytes)}
        </span>
      </header>
      <p>{item.description}</p>
      <p className="licence">
        <strong>Licence: {item.license.name}.</strong> {item.license.summary}
      </p>
      {done ? (
        item.kind === "chat" ? (
          <button type="button" className="btn btn-primary" onClick={() => onLoad(done)}>
            Load {item.name}
          </button>
        ) : (
          <p className="field-hint">Downloaded. Choose it as the embedding model in Settings.</p>
        )
      ) : download ? (
        <div className="download-progress">
          <ProgressBar label={`Downloading ${item.name}`} fraction={download.fraction} />
          <span className="muted">{download.fraction === null ? "Starting…" : `${Math.round(download.fraction * 100)}%`}</span>
          <button type="button" className="btn btn-small" onClick={() => cancelDownload(item.id)}>
            Cancel
          </button>
        </div>
      ) : (
        <>
          <label className="check" htmlFor={checkId}>
            <input id={checkId} type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} disabled={offline} />
            I accept the {item.license.name} terms.
          </label>
          <button type="button" className="btn" disabled={offline || !accepted} onClick={start} aria-describedby={offline ? "offline-note" : undefined}>
            Download {formatBytes(item.sizeBytes)}
          </button>
        </>
      )}
    </article>
  );
}
