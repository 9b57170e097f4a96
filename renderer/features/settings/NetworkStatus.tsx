// The status bar's network badge: whether the engine is offline, always visible (and whether the
// organisation forces it), so a user never has to open Settings to know what may leave the machine.
import { useEffect } from "react";
import { loadSettings, useSettingsStore } from "../../shared/settings/store.ts";
import { toastError } from "../../shared/app-store.ts";

export function NetworkStatus({ engineReady }: { engineReady: boolean }) {
  const offline = useSettingsStore((s) => s.settings?.offline);
  const forced = useSettingsStore((s) => s.locked.includes("offline"));
  useEffect(() => {
    if (engineReady && offline === undefined) loadSettings().catch(toastError);
  }, [engineReady, offline]);
  if (offline === undefined) return null;
  return (
    <span className={`status-network ${offline ? "is-offline" : "is-online"}`} data-testid="network-status" title={forced ? "Set by your organisation" : "Change it in Settings → Privacy"}>
      <span className={`dot ${offline ? "dot-ok" : "dot-warn"}`} aria-hidden="true" />
      {offline ? (forced ? "Offline (set by your organisation)" : "Offline") : "Online"}
    </span>
  );
}
