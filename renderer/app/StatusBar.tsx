// The bottom line: what model is loaded (and its quant), what is loading, and the engine's state.
import { useAppStore, setSwitcherOpen, type EngineState } from "../shared/app-store.ts";
import { useModelsStore } from "../shared/models/store.ts";
import { useChatStore } from "../features/chat/store.ts";
import { plural } from "../shared/format.ts";
import { NetworkStatus } from "../features/settings/NetworkStatus.tsx";

const engineText: Record<EngineState, string> = {
  connecting: "Connecting to the engine…",
  ready: "Engine ready",
  restarted: "Engine restarted",
  reconnecting: "Reconnecting…",
  unavailable: "Engine unavailable",
};

export function StatusBar() {
  const engine = useAppStore((s) => s.engine);
  const loaded = useModelsStore((s) => s.loaded);
  const loading = useModelsStore((s) => s.loading);
  const answering = useChatStore((s) => s.turn !== null);
  const model = loaded ? `${loaded.model.displayName}${loaded.model.quant ? ` · ${loaded.model.quant}` : ""}` : "No model loaded";
  return (
    <footer className="statusbar">
      <button type="button" className="status-model" onClick={() => setSwitcherOpen(true)} title="Switch model (Ctrl+K)">
        <span className={`dot ${loaded ? "dot-ok" : "dot-idle"}`} aria-hidden="true" />
        {loading ? `Loading model… ${loading.fraction === null ? "" : `${Math.round(loading.fraction * 100)}%`}` : model}
      </button>
      {loaded && <span className="muted">{loaded.gpu ? `GPU (${loaded.gpu}) · ${loaded.gpuLayers} layers` : "CPU"} · {plural(loaded.threads, "thread")}</span>}
      {answering && <span className="muted">Writing an answer…</span>}
      <NetworkStatus engineReady={engine === "ready" || engine === "restarted"} />
      <span className="status-engine" role="status">
        <span className={`dot ${engine === "ready" ? "dot-ok" : engine === "unavailable" ? "dot-bad" : "dot-warn"}`} aria-hidden="true" />
        {engineText[engine]}
      </span>
    </footer>
  );
}
