// The recommended downloads, shown on first run and on the Models page. Disabled, with the reason,
// while offline mode is on.
import { useEffect } from "react";
import type { ModelEntry } from "../../../../native/contract/models.ts";
import { catalog } from "../catalog.ts";
import { CatalogCard } from "./CatalogCard.tsx";
import { loadSettings, useSettingsStore } from "../../settings/store.ts";
import { toastError } from "../../../app/store.ts";

export function CatalogSection({ onLoad }: { onLoad: (entry: ModelEntry) => void }) {
  const settingsLoaded = useSettingsStore((s) => s.settings !== null);
  const offline = useSettingsStore((s) => s.settings?.offline ?? false);

  useEffect(() => {
    if (!settingsLoaded) loadSettings().catch(toastError);
  }, [settingsLoaded]);

  return (
    <section aria-labelledby="catalog-title">
      <h2 id="catalog-title" className="section-title">
        Download a recommended model
      </h2>
      {offline && (
        <p id="offline-note" className="notice-inline">
          Offline mode is on, so downloads are disabled. Turn it off in Settings to download.
        </p>
      )}
      <div className="catalog-grid">
        {catalog.map((item) => (
          <CatalogCard key={item.id} item={item} offline={offline} onLoad={onLoad} />
        ))}
      </div>
    </section>
  );
}
