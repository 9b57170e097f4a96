// Ctrl/Cmd+K: switch the loaded model from anywhere; the open conversation carries over.
import { useEffect, useMemo, useState } from "react";
import { chatVariants, refreshModels, useModelsStore } from "./store.ts";
import { useLoadFlow } from "./useLoadFlow.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { FitBadge } from "./components/FitBadge.tsx";
import { formatBytes } from "./format.ts";
import { setSwitcherOpen, toastError, useAppStore } from "../../app/store.ts";

export function ModelSwitcher() {
  const open = useAppStore((s) => s.switcherOpen);
  const { groups, listed, loaded } = useModelsStore();
  const [filter, setFilter] = useState("");
  const { requestLoad, dialog } = useLoadFlow();

  useEffect(() => {
    if (open && !listed) refreshModels().catch(toastError);
  }, [open, listed]);

  const variants = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return chatVariants(groups).filter((v) => !q || `${v.displayName} ${v.quant ?? ""}`.toLowerCase().includes(q));
  }, [groups, filter]);

  if (!open) return dialog;
  const close = () => {
    setSwitcherOpen(false);
    setFilter("");
  };
  return (
    <Dialog title="Switch model" onClose={close} wide>
      <label htmlFor="switch-filter" className="sr-only">
        Filter models
      </label>
      <input id="switch-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by name or quant" data-autofocus />
      <ul className="switch-list">
        {variants.length === 0 && <li className="muted">No chat model matches. Add models on the Models page.</li>}
        {variants.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className="switch-item"
              disabled={v.id === loaded?.model.id}
              onClick={() => {
                close();
                requestLoad(v);
              }}
            >
              <span className="switch-name">{v.displayName}</span>
              <span className="muted">
                {v.quant ?? "—"} · {formatBytes(v.sizeBytes)}
              </span>
              {v.id === loaded?.model.id ? <span className="loaded-mark">Loaded</span> : <FitBadge estimate={v.estimate} />}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
