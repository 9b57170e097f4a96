// The loaded model's LoRA adapters, changed in place: each add, rescale or removal sends the whole
// new list to `inference.setLora`, which makes the context again on the same model (no reload).
// The engine's answer (`loaded.lora`) is the list shown, so the UI never shows adapters not applied.
import { create } from "zustand";
import type { LoadedModel } from "../../../native/contract/inference.ts";
import { api } from "../../services/api.ts";
import { errorMessage } from "../../shared/errors.ts";
import { useModelsStore } from "../../shared/models/store.ts";
import { clampScale } from "../../shared/lora/scale.ts";

export type Adapter = LoadedModel["lora"][number];

export interface LoraState {
  applying: boolean;
  error: string | null;
}

export const initialLoraState = (): LoraState => ({ applying: false, error: null });
export const useLoraStore = create<LoraState>(initialLoraState);

export { clampScale, MAX_SCALE, MIN_SCALE } from "../../shared/lora/scale.ts";

function current(): Adapter[] {
  return useModelsStore.getState().loaded?.lora ?? [];
}

async function apply(next: Adapter[]): Promise<void> {
  if (useLoraStore.getState().applying) return;
  useLoraStore.setState({ applying: true, error: null });
  try {
    const loaded = await api().invoke("inference.setLora", { lora: next });
    useModelsStore.setState({ loaded });
  } catch (err) {
    useLoraStore.setState({ error: errorMessage(err) });
  } finally {
    useLoraStore.setState({ applying: false });
  }
}

export function addAdapter(path: string, scale = 1): Promise<void> {
  if (current().some((a) => a.path === path)) return Promise.resolve();
  return apply([...current(), { path, scale: clampScale(scale) }]);
}

export function setScale(path: string, scale: number): Promise<void> {
  const next = current().map((a) => (a.path === path ? { ...a, scale: clampScale(scale) } : a));
  if (next.every((a, i) => a.scale === current()[i]!.scale)) return Promise.resolve();
  return apply(next);
}

export function removeAdapter(path: string): Promise<void> {
  return apply(current().filter((a) => a.path !== path));
}
