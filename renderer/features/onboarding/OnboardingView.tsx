// First run: pick a model already on this computer, add one from disk, or download a recommended
// one. Shown until a model has been loaded or the user chooses to continue without one.
import { useEffect } from "react";
import { chatVariants, refreshModels, useModelsStore } from "../../shared/models/store.ts";
import { useLoadFlow } from "../../shared/models/useLoadFlow.tsx";
import { FitBadge } from "../../shared/models/components/FitBadge.tsx";
import { AddModel } from "../../shared/models/components/AddModel.tsx";
import { LoadProgress } from "../../shared/models/components/LoadProgress.tsx";
import { formatBytes, sourceLabel } from "../../shared/format.ts";
import { CatalogSection } from "../../shared/catalog/CatalogSection.tsx";
import { finishOnboarding } from "../../shared/onboarding/store.ts";
import { toastError } from "../../shared/app-store.ts";

export function OnboardingView() {
  const { groups, listed, scanning, loading } = useModelsStore();
  const { requestLoad, dialog } = useLoadFlow();

  useEffect(() => {
    if (!listed) refreshModels().catch(toastError);
  }, [listed]);

  const found = chatVariants(groups);
  const bySource = new Map<string, typeof found>();
  for (const v of found) bySource.set(v.source, [...(bySource.get(v.source) ?? []), v]);

  return (
    <div className="page onboarding">
      <header className="page-head">
        <div>
          <h1>Welcome to Enclave</h1>
          <p className="muted">Chat with language models and your documents, entirely on this computer. Choose a model to begin.</p>
        </div>
        <button type="button" className="btn" onClick={finishOnboarding}>
          Continue without a model
        </button>
      </header>
      <LoadProgress />

      <section className="card" aria-labelledby="ob-found">
        <h2 id="ob-found">Models already on this computer</h2>
        {!listed || scanning ? (
          <p className="muted">Looking in LM Studio, Ollama, GPT4All and the Hugging Face cache…</p>
        ) : found.length === 0 ? (
          <p className="muted">None found in LM Studio, Ollama, GPT4All or the Hugging Face cache. Add a file below or download one.</p>
        ) : (
          [...bySource].map(([source, variants]) => (
            <div key={source} className="found-group">
              <h3>{sourceLabel[source] ?? source}</h3>
              <ul className="found-list">
                {variants.map((v) => (
                  <li key={v.id}>
                    <span className="found-name" title={v.path}>
                      {v.displayName}
                    </span>
                    <span className="muted">
                      {v.quant ?? "?"} · {formatBytes(v.sizeBytes)}
                    </span>
                    <FitBadge estimate={v.estimate} />
                    <button type="button" className="btn btn-small" disabled={loading !== null} onClick={() => requestLoad(v)}>
                      Load
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>

      <section className="card" aria-labelledby="ob-add">
        <h2 id="ob-add">Add a model file or folder</h2>
        <AddModel />
      </section>

      <CatalogSection onLoad={requestLoad} />
      {dialog}
    </div>
  );
}
