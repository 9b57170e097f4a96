// First run: until a model has been chosen, the app offers the library's models, a file or folder
// to add, and downloads from the catalog (progress, cancel, licence acknowledged first).
import { create } from "zustand";
import type { ModelEntry } from "../../../native/contract/models.ts";
import { api } from "../../services/api.ts";
import { newRequestId } from "../errors.ts";
import { ApiError } from "../../services/api-error.ts";
import type { CatalogModel } from "../catalog/catalog.ts";

export interface Download {
  requestId: string;
  fraction: number | null;
  message: string | null;
}

export interface OnboardingState {
  /** Set once a model was loaded or the user chose to skip; kept in localStorage. */
  done: boolean;
  downloads: Record<string, Download>;
  /** Catalog ids downloaded in this session, with the library entry they became. */
  downloaded: Record<string, ModelEntry>;
}

const DONE_KEY = "enclave.onboarded";

export const initialOnboardingState = (): OnboardingState => ({
  done: globalThis.localStorage?.getItem(DONE_KEY) === "1",
  downloads: {},
  downloaded: {},
});

export const useOnboardingStore = create<OnboardingState>(initialOnboardingState);

export function finishOnboarding(): void {
  globalThis.localStorage?.setItem(DONE_KEY, "1");
  useOnboardingStore.setState({ done: true });
}

export async function downloadCatalogModel(item: CatalogModel, offline: boolean): Promise<ModelEntry> {
  if (offline) throw new ApiError("OFFLINE", "Offline mode is on: turn it off in Settings to download models.");
  if (useOnboardingStore.getState().downloads[item.id]) throw new ApiError("BUSY", `${item.name} is already downloading.`);
  const requestId = newRequestId();
  const setDownload = (d: Download | null) =>
    useOnboardingStore.setState((s) => {
      const { [item.id]: _old, ...rest } = s.downloads;
      return { downloads: d ? { ...rest, [item.id]: d } : rest };
    });
  setDownload({ requestId, fraction: 0, message: null });
  const off = api().on("progress", (p) => {
    if (p.requestId === requestId) setDownload({ requestId, fraction: p.fraction, message: p.message ?? null });
  });
  try {
    const out = await api().invoke("models.download", { uri: item.uri }, { requestId });
    useOnboardingStore.setState((s) => ({ downloaded: { ...s.downloaded, [item.id]: out.model } }));
    return out.model;
  } finally {
    off();
    setDownload(null);
  }
}

export function cancelDownload(itemId: string): void {
  const download = useOnboardingStore.getState().downloads[itemId];
  if (download) api().cancel(download.requestId);
}
