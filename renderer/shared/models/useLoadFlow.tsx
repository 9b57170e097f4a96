// Loading a model from anywhere (models page, switcher, onboarding): asks for the licence first
// the first time (once per model and licence, not per quant file: licence-acks.ts), then loads with the chosen options and reports failures as toasts.
import { useState, type ReactNode } from "react";
import { acknowledgeLicence, isAcknowledged, loadModel, useModelsStore, type Variant } from "./store.ts";
import { LicenceDialog } from "./components/LicenceDialog.tsx";
import { toast, toastError } from "../app-store.ts";
import { finishOnboarding } from "../onboarding/store.ts";
import { coveredByModelAck, recordModelAck } from "./licence-acks.ts";

export type Loadable = Pick<Variant, "id" | "displayName" | "license" | "quant"> & Partial<Pick<Variant, "groupKey" | "sha256">>;

export function useLoadFlow(): { requestLoad: (model: Loadable) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<Loadable | null>(null);

  function start(model: Loadable) {
    loadModel(model.id, useModelsStore.getState().overrides).then(
      (loaded) => {
        finishOnboarding();
        toast(`${loaded.model.displayName} is ready (${(loaded.loadMs / 1000).toFixed(1)} s).`);
      },
      toastError,
    );
  }

  function requestLoad(model: Loadable) {
    if (isAcknowledged(model.id) || coveredByModelAck(model)) start(model);
    else setPending(model);
  }

  const dialog = pending && (
    <LicenceDialog
      modelName={pending.displayName}
      license={pending.license}
      onCancel={() => setPending(null)}
      onAccept={() => {
        acknowledgeLicence(pending.id);
        recordModelAck(pending);
        setPending(null);
        start(pending);
      }}
    />
  );
  return { requestLoad, dialog };
}
