// The model library: what is loaded, every model grouped with its quant variants and their memory
// cost, load options, adding files or folders, and where the library looks.
import { useEffect } from "react";
import { refreshModels, showDetails, unloadModel, useModelsStore } from "./store.ts";
import { useLoadFlow } from "./useLoadFlow.tsx";
import { ModelGroupCard } from "./components/ModelGroupCard.tsx";
import { LoadProgress } from "./components/LoadProgress.tsx";
import { LoadOptions } from "./components/LoadOptions.tsx";
import { AddModel } from "./components/AddModel.tsx";
import { FolderList } from "./components/FolderList.tsx";
import { ModelDetailsDialog } from "./components/ModelDetailsDialog.tsx";
import { EmptyState } from "../../components/EmptyState.tsx";
import { toastError } from "../../app/store.ts";
import { formatBytes, plural } from "./format.ts";
import { CatalogSection } from "../onboarding/components/CatalogSection.tsx";
import { QuantLabLauncher } from "../quantlab/QuantLabLauncher.tsx";
import { LoraPanel } from "../lora/LoraPanel.tsx";
import { ManagedCatalog } from "./components/ManagedCatalog.tsx";

export function ModelsView() {
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
          <LoraPanel groups={groups} />
          <ManagedCatalog />
          <QuantLabLauncher groups={groups} onSwitch={requestLoad} />
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
