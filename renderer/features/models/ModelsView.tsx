// The model library: what is loaded, every model grouped with its quant variants and their memory
// cost, load options, adding files or folders, and where the library looks.
import { useEffect, type ReactNode } from "react";
import type { ModelGroup } from "../../../native/contract/models.ts";
import { refreshModels, showDetails, unloadModel, useModelsStore } from "../../shared/models/store.ts";
import { useLoadFlow, type Loadable } from "../../shared/models/useLoadFlow.tsx";
import { ModelGroupCard } from "./components/ModelGroupCard.tsx";
import { LoadProgress } from "../../shared/models/components/LoadProgress.tsx";
import { LoadOptions } from "./components/LoadOptions.tsx";
import { AddModel } from "../../shared/models/components/AddModel.tsx";
import { FolderList } from "./components/FolderList.tsx";
import { ModelDetailsDialog } from "./components/ModelDetailsDialog.tsx";
import { EmptyState } from "../../components/EmptyState.tsx";
import { toastError } from "../../shared/app-store.ts";
import { formatBytes, plural } from "../../shared/format.ts";
import { CatalogSection } from "../../shared/catalog/CatalogSection.tsx";
import { ManagedCatalog } from "./components/ManagedCatalog.tsx";

/** Panels of other features that the library shows in its side column. The shell passes them in,
 *  so that a feature never imports another (eslint.config.js). */
export interface ModelsViewPanels {
  adapters(groups: ModelGroup[]): ReactNode;
  quantLab(groups: ModelGroup[], onSwitch: (model: Loadable) => void): ReactNode;
}

export function ModelsView({ panels }: { panels: ModelsViewPanels }) {
  const { groups, loaded, loading, scanning, listed, rssBytes } = useModelsStore();
  const { requestLoad, dialog } = useLoadFlow();

  useEffect(() => {
    if (!listed) refreshModels().catch(toastError);
  }, [listed]);

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Models</h1>
          <p className="muted">
            {loaded
              ? `Loaded: ${loaded.model.displayName}${loaded.model.quant ? ` (${loaded.model.quant})` : ""} · ${loaded.contextSize.toLocaleString()} tokens context · ${plural(loaded.threads, "thread")}${loaded.threadsNote ? ` (${loaded.threadsNote})` : ""} · ${loaded.gpu ? `${loaded.gpuLayers} layers on ${loaded.gpu}` : "CPU"}${loaded.measuredRamBytes ? ` · the load took ${formatBytes(loaded.measuredRamBytes)}` : ""}${rssBytes ? ` · engine uses ${formatBytes(rssBytes)}` : ""}`
              : "No model loaded. Pick a variant below that fits your memory."}
          </p>
        </div>
        <div className="page-actions">
          {loaded && (
            <button type="button" className="btn" disabled={loading !== null} onClick={() => void unloadModel().catch(toastError)}>
              Unload
            </button>
          )}
          <button type="button" className="btn" disabled={scanning} onClick={() => void refreshModels({ rescan: true }).catch(toastError)}>
            {scanning ? "Scanning…" : "Rescan"}
          </button>
        </div>
      </header>
      <LoadProgress />
      <div className="models-layout">
        <div className="models-main">
          {groups.length === 0 && listed ? (
            <EmptyState title="No models found yet">
              Enclave looks in the folders of LM Studio, Ollama, GPT4All and the Hugging Face cache. Add a GGUF file or a folder of them on the right, or download a
              recommended model below.
            </EmptyState>
          ) : (
            groups.map((g) => (
              <ModelGroupCard
                key={g.key}
                group={g}
                loadedId={loaded?.model.id ?? null}
                loadingId={loading?.modelId ?? null}
                onLoad={requestLoad}
                onDetails={(v) => void showDetails(v.id).catch(toastError)}
              />
            ))
          )}
          <CatalogSection onLoad={requestLoad} />
        </div>
        <aside className="models-side" aria-label="Library options">
          <LoadOptions />
          {panels.adapters(groups)}
          <ManagedCatalog />
          {panels.quantLab(groups, requestLoad)}
          <section className="card">
            <h3>Add models</h3>
            <AddModel />
          </section>
          <FolderList />
        </aside>
      </div>
      <ModelDetailsDialog onLoad={requestLoad} />
      {dialog}
    </div>
  );
}
