// Ctrl/Cmd+K: switch the loaded model from anywhere; the open conversation carries over. Models are
// listed with their quant variants side by side, so another quant of the loaded model is one click
// away (two from the chat: the shortcut or the header chip, then the quant), and a licence accepted
// for one quant covers the rest (licence-acks.ts).
import { useEffect, useMemo, useState } from "react";
import type { ModelGroup } from "../../../native/contract/models.ts";
import { chatVariants, refreshModels, useModelsStore, type Variant } from "../../shared/models/store.ts";
import { useLoadFlow } from "../../shared/models/useLoadFlow.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { FitBadge } from "../../shared/models/components/FitBadge.tsx";
import { formatBytes } from "../../shared/format.ts";
import { setSwitcherOpen, toastError, useAppStore } from "../../shared/app-store.ts";
import { chooseRemote, refreshRemoteModels, useRemoteChoice } from "../../shared/models/remote-choice.ts";

export function ModelSwitcher() {
  const open = useAppStore((s) => s.switcherOpen);
  const { groups, listed, loaded } = useModelsStore();
  const [filter, setFilter] = useState("");
  const { requestLoad, dialog } = useLoadFlow();
  const { available: remotes, chosen: remote } = useRemoteChoice();

  useEffect(() => {
    if (open && !listed) refreshModels().catch(toastError);
  }, [open, listed]);
  useEffect(() => {
    if (open) refreshRemoteModels().catch(toastError);
  }, [open]);

  const shown = useMemo(() => switcherGroups(groups, filter), [groups, filter]);

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
        {shown.length === 0 && <li className="muted">No chat model matches. Add models on the Models page.</li>}
        {remotes.length > 0 && (
          <li className="switch-group">
            <h3 className="switch-group-name" id="switch-remote">
              Remote models
              <span className="muted"> · your documents are searched here; the question and its passages go to the endpoint</span>
            </h3>
            <ul className="switch-variants" aria-labelledby="switch-remote">
              {remotes.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="switch-item"
                    disabled={r.id === remote}
                    aria-current={r.id === remote ? "true" : undefined}
                    onClick={() => {
                      close();
                      chooseRemote(r.id);
                    }}
                  >
                    <span className="switch-name">{r.id}</span> <span className="muted">{new URL(r.baseUrl).host}</span>
                    {r.id === remote && <span className="loaded-mark">Answering</span>}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        )}
        {shown.map(({ group, variants }) => (
          <li key={group.key} className="switch-group">
            <h3 className="switch-group-name" id={`switch-${group.key}`}>
              {group.name}
              <span className="muted"> · {variants[0]?.license ?? "no licence declared"}</span>
            </h3>
            <ul className="switch-variants" aria-labelledby={`switch-${group.key}`}>
              {variants.map((v) => (
                <li key={v.id}>
                  <button
                    type="button"
                    className="switch-item"
                    disabled={v.id === loaded?.model.id && remote === null}
                    aria-current={v.id === loaded?.model.id && remote === null ? "true" : undefined}
                    onClick={() => {
                      close();
                      chooseRemote(null); // the local model answers again
                      if (v.id !== loaded?.model.id) requestLoad(v);
                    }}
                  >
                    <span className="switch-name">{v.quant ?? v.displayName}</span>{" "}
                    <span className="muted">{formatBytes(v.sizeBytes)}</span>{" "}
                    {v.id === loaded?.model.id ? <span className="loaded-mark">Loaded</span> : <FitBadge estimate={v.estimate} />}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** Groups with their chat-capable variants matching the filter (by model name, file name or quant). */
export function switcherGroups(groups: readonly ModelGroup[], filter: string): { group: ModelGroup; variants: Variant[] }[] {
  const q = filter.trim().toLowerCase();
  return groups
    .map((group) => ({
      group,
      variants: chatVariants([group]).filter((v) => !q || `${group.name} ${v.displayName} ${v.quant ?? ""}`.toLowerCase().includes(q)),
    }))
    .filter((g) => g.variants.length > 0);
}
