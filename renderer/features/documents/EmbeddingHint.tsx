// The first-run hint about embedding models, shown on the Documents page while none is chosen:
// what one adds over full-text search, and the catalog's small embedding model one click away
// (download, then "Use it", which sets it in Settings). "Not now" hides it in this profile.
import { useEffect, useState } from "react";
import { catalog } from "../../shared/catalog/catalog.ts";
import { CatalogCard } from "../../shared/catalog/CatalogCard.tsx";
import { useOnboardingStore } from "../../shared/onboarding/store.ts";
import { loadSettings, saveSettings, useSettingsStore } from "../../shared/settings/store.ts";
import { showView, toast, toastError } from "../../shared/app-store.ts";

const KEY = "enclave.documents.embeddingHintDismissed";

/** The catalog's smallest embedding model: the one to offer first. */
export const suggestedEmbedder = catalog.filter((m) => m.kind === "embedding").sort((a, b) => a.sizeBytes - b.sizeBytes)[0] ?? null;

function dismissed(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

export function EmbeddingHint() {
  const settings = useSettingsStore((s) => s.settings);
  const downloaded = useOnboardingStore((s) => (suggestedEmbedder ? s.downloaded[suggestedEmbedder.id] : undefined));
  const [hidden, setHidden] = useState(dismissed);
  const [showCard, setShowCard] = useState(false);

  useEffect(() => {
    if (!settings) loadSettings().catch(toastError);
  }, [settings]);

  if (!settings || settings.embeddingModel !== null || hidden || !suggestedEmbedder) return null;

  function notNow() {
    try {
      globalThis.localStorage?.setItem(KEY, "1");
    } catch {
      // refused storage: hidden for this visit only
    }
    setHidden(true);
  }

  async function use(modelId: string, name: string) {
    if (await saveSettings({ embeddingModel: modelId })) toast(`${name} is now the embedding model. Re-index a collection to search it by meaning.`);
  }

  return (
    <aside className="embedding-hint" aria-labelledby="embedding-hint-title">
      <h3 id="embedding-hint-title">Search by meaning, not only by words</h3>
      <p>
        Without an embedding model, search finds passages that share words with your question. An embedding model also finds passages that say the same thing in other words (“car” finds “vehicle”), so answers get
        better sources. It is small, runs on this computer, and applies to a collection when you next re-index it.
      </p>
      {settings.offline && (
        <p id="offline-note" className="muted">
          Enclave is offline, so downloads are off. Turn offline mode off in Settings to download, or choose an embedding model you already have there.
        </p>
      )}
      {showCard && !downloaded && <CatalogCard item={suggestedEmbedder} offline={settings.offline} onLoad={() => {}} />}
      <div className="embedding-hint-actions">
        {downloaded ? (
          <button type="button" className="btn btn-primary" onClick={() => void use(downloaded.id, suggestedEmbedder.name).catch(toastError)}>
            Use {suggestedEmbedder.name}
          </button>
        ) : (
          !showCard && (
            <button type="button" className="btn btn-primary" onClick={() => setShowCard(true)}>
              Get {suggestedEmbedder.name}…
            </button>
          )
        )}
        <button type="button" className="btn" onClick={() => showView("settings")}>
          Choose one in Settings
        </button>
        <button type="button" className="btn" onClick={notNow}>
          Not now
        </button>
      </div>
    </aside>
  );
}
