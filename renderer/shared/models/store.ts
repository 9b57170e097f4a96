// The model library and the loaded model: list (grouped quant variants with fit estimates), load
// with progress and cancel, unload, folders, per-file details, and the licence acknowledgements
// that must precede a model's first load.
import { create } from "zustand";
import type { ModelFolder, ModelGroup, ModelEntry } from "../../../native/contract/models.ts";
import type { LoadedModel } from "../../../native/contract/inference.ts";
import type { ApiOutput } from "../../../native/contract/api.ts";
import { api } from "../../services/api.ts";
import { errorCode, newRequestId } from "../errors.ts";
import { ApiError } from "../../services/api-error.ts";

export type Variant = ModelGroup["variants"][number];
export type ModelDetails = ApiOutput<"models.inspect">;

export interface LoadOverrides {
  contextSize?: number;
  gpuLayers?: "auto" | "max" | number;
  threads?: number;
  /** LoRA adapters to load with (a reload keeps the ones applied). */
  lora?: { path: string; scale?: number }[];
}

export interface LoadProgress {
  requestId: string;
  modelId: string;
  fraction: number | null;
  message: string | null;
}

export interface ModelsState {
  groups: ModelGroup[];
  folders: ModelFolder[];
  scanErrors: { path: string; message: string }[];
  listed: boolean;
  scanning: boolean;
  loaded: LoadedModel | null;
  rssBytes: number | null;
  loading: LoadProgress | null;
  details: ModelDetails | null;
  /** Model ids whose licence the user has acknowledged (kept in localStorage). */
  acknowledged: string[];
  /** Load options for the next load; unset ones fall back to the engine's settings. */
  overrides: LoadOverrides;
  /** The model an engine crash unloaded, offered for reloading. */
  lost: LoadedModel | null;
  /** A listing the connection or the engine dropped mid-way, asked again once it is back. */
  interruptedList: ListOptions | null;
}

export interface ListOptions {
  rescan?: boolean;
  contextSize?: number;
}

const ACK_KEY = "enclave.licences";

function storedAcks(): string[] {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(ACK_KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export const initialModelsState = (): ModelsState => ({
  groups: [],
  folders: [],
  scanErrors: [],
  listed: false,
  scanning: false,
  loaded: null,
  rssBytes: null,
  loading: null,
  details: null,
  acknowledged: storedAcks(),
  overrides: {},
  lost: null,
  interruptedList: null,
});

export const useModelsStore = create<ModelsState>(initialModelsState);

export async function refreshModels(options: ListOptions = {}): Promise<void> {
  useModelsStore.setState({ scanning: true, interruptedList: null });
  try {
    const out = await api().invoke("models.list", options);
    useModelsStore.setState({ groups: out.groups, folders: out.folders, scanErrors: out.scanErrors, listed: true });
  } catch (err) {
    // Not an answer: the socket dropped or the engine restarted under the call. Without asking again
    // on reconnect, the first run's "Looking in…" would wait for a listing that never comes.
    const code = errorCode(err);
    if (code === "ENGINE_UNAVAILABLE" || code === "ENGINE_CRASHED") useModelsStore.setState({ interruptedList: options });
    throw err;
  } finally {
    useModelsStore.setState({ scanning: false });
  }
}

/** After a reconnect or an engine restart: asks again for the listing the outage cut off, if any. */
export async function resumeInterruptedList(): Promise<void> {
  const { interruptedList } = useModelsStore.getState();
  if (interruptedList) await refreshModels(interruptedList);
}

export async function refreshStatus(): Promise<void> {
  const before = useModelsStore.getState().loaded;
  const out = await api().invoke("inference.status", {});
  // Only a restarted engine drops a model on its own: remember it so it can be loaded again.
  const lost = before && !out.loaded ? before : out.loaded ? null : useModelsStore.getState().lost;
  useModelsStore.setState({ loaded: out.loaded, rssBytes: out.rssBytes, lost });
}

/** Loads again, with the same options, the model an engine restart unloaded. */
export async function reloadLost(): Promise<LoadedModel | null> {
  const lost = useModelsStore.getState().lost;
  if (!lost) return null;
  return loadModel(lost.model.id, { contextSize: lost.contextSize, threads: lost.threadsSource === "manual" ? lost.threads : undefined });
}

/** Loads (or switches to) a model, following its progress events; conversations carry over. */
export async function loadModel(modelId: string, overrides: LoadOverrides = {}): Promise<LoadedModel> {
  if (useModelsStore.getState().loading) throw new ApiError("BUSY", "A model is already loading; cancel it first.");
  const requestId = newRequestId();
  useModelsStore.setState({ loading: { requestId, modelId, fraction: 0, message: null } });
  const off = api().on("progress", (p) => {
    if (p.requestId !== requestId) return;
    useModelsStore.setState((s) => (s.loading ? { loading: { ...s.loading, fraction: p.fraction, message: p.message ?? null } } : s));
  });
  try {
    const loaded = await api().invoke("inference.load", { model: modelId, ...overrides }, { requestId });
    useModelsStore.setState({ loaded, lost: null });
    return loaded;
  } finally {
    off();
    useModelsStore.setState({ loading: null });
  }
}

export function setOverrides(overrides: LoadOverrides): void {
  useModelsStore.setState({ overrides });
}

export function cancelLoad(): void {
  const loading = useModelsStore.getState().loading;
  if (loading) api().cancel(loading.requestId);
}

export async function unloadModel(): Promise<void> {
  await api().invoke("inference.unload", {});
  useModelsStore.setState({ loaded: null, lost: null });
}

export async function addModelFolder(path: string): Promise<ModelEntry[]> {
  const trimmed = path.trim();
  if (!trimmed) throw new ApiError("INVALID_INPUT", "Enter the full path of a folder or a .gguf file.");
  // A single file is inspected (and then loadable by path); a folder joins the library.
  if (/\.gguf$/i.test(trimmed)) {
    const entry = await api().invoke("models.inspect", { model: trimmed });
    useModelsStore.setState({ details: entry });
    return [entry];
  }
  const out = await api().invoke("models.addFolder", { path: trimmed });
  await refreshModels();
  return out.models;
}

export async function removeModelFolder(path: string): Promise<void> {
  await api().invoke("models.removeFolder", { path });
  await refreshModels();
}

export async function showDetails(modelId: string): Promise<void> {
  const details = await api().invoke("models.inspect", { model: modelId });
  useModelsStore.setState({ details });
}

export function closeDetails(): void {
  useModelsStore.setState({ details: null });
}

export function isAcknowledged(modelId: string): boolean {
  return useModelsStore.getState().acknowledged.includes(modelId);
}

export function acknowledgeLicence(modelId: string): void {
  const acknowledged = [...new Set([...useModelsStore.getState().acknowledged, modelId])];
  globalThis.localStorage?.setItem(ACK_KEY, JSON.stringify(acknowledged));
  useModelsStore.setState({ acknowledged });
}

/** Chat-capable variants, for the quick switcher and the onboarding list. */
export function chatVariants(groups: ModelGroup[]): Variant[] {
  return groups.flatMap((g) => g.variants).filter((v) => v.kind === "model" && !v.error);
}

export function findVariant(groups: ModelGroup[], modelId: string): Variant | null {
  for (const g of groups) for (const v of g.variants) if (v.id === modelId) return v;
  return null;
}
