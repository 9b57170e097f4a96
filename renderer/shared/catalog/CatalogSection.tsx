// The recommended downloads, shown on first run and on the Models page. Disabled, with the reason,
// while offline mode is on.
import { useEffect } from "react";
import type { ModelEntry } from "../../../native/contract/models.ts";
import { catalog } from "./catalog.ts";
import { CatalogCard } from "./CatalogCard.tsx";
import { loadSettings, saveSettings, useSettingsStore } from "../settings/store.ts";
import { toastError } from "../app-store.ts";

export function CatalogSection({ onLoad }: { onLoad: (entry: ModelEntry) => void }) {
  const settingsLoaded = useSettingsStore((s) => s.settings !== null);
  const offline = useSettingsStore((s) => s.settings?.offline ?? false);
  const offlineLocked = useSettingsStore((s) => s.locked.includes("offline"));

  useEffect(() => {
    if (!settingsLoaded) loadSettings().catch(toastError);
  }, [settingsLoaded]);

  return (
    <section aria-labelledby="catalog-title">
      <h2 id="catalog-title" className="section-title">
        Download a recommended model
      </h2>
      {offline && (
        <div id="offline-note" className="notice-inline">
          {offlineLocked ? (
            <p>Your organisation keeps Enclave offline, so downloads are disabled. Ask IT for an approved model.</p>
          ) : (
            <>
              <p>Enclave is offline: nothing leaves this computer. Downloading a model needs the network, so it asks first.</p>
              {/* Going online is the user's explicit choice, never a side effect of clicking Download. */}
              <button type="button" className="btn" onClick={() => void saveSettings({ offline: false }).catch(toastError)}>
                Go online to download
              </button>
            </>
          )}
        </div>
      )}
      <div className="catalog-grid">
        {catalog.map((item) => (
          <CatalogCard key={item.id} item={item} offline={offline} onLoad={onLoad} />
        ))}
      </div>
    </section>
  );
}
