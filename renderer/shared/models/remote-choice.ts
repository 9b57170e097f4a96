// Which remote model (Settings → Remote models) answers the chat instead of the loaded local one.
// Chosen in the model switcher; remembered across restarts; dropped when its entry is removed.
// Retrieval and the grounded prompt stay on this machine: only the turn goes to the endpoint
// (the engine's `model` on chat.send / rag.ask, refused offline or by policy with the reason).
import { create } from "zustand";
import type { RemoteModel } from "../../../native/contract/settings.ts";
import { api } from "../../services/api.ts";

const KEY = "enclave.remoteModel";

export interface RemoteChoiceState {
  /** The configured remote models, as of the last refresh. */
  available: RemoteModel[];
  /** The id of the remote model that answers, or null for the loaded local model. */
  chosen: string | null;
}

function stored(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

function remember(id: string | null): void {
  try {
    if (id) globalThis.localStorage?.setItem(KEY, id);
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // Storage may be unavailable (private mode): the choice then lasts for this window only.
  }
}

export const initialRemoteChoice = (): RemoteChoiceState => ({ available: [], chosen: stored() });
export const useRemoteChoice = create<RemoteChoiceState>(initialRemoteChoice);

/** Reads the configured remote models again; a chosen one that is gone is no longer chosen. */
export async function refreshRemoteModels(): Promise<void> {
  const { settings } = await api().invoke("settings.get", {});
  const available = settings.remoteModels;
  const { chosen } = useRemoteChoice.getState();
  const still = chosen !== null && available.some((r) => r.id === chosen);
  if (chosen !== null && !still) remember(null);
  useRemoteChoice.setState({ available, chosen: still ? chosen : null });
}

/** Answers with this remote model from now on (null: the loaded local model again). */
export function chooseRemote(id: string | null): void {
  remember(id);
  useRemoteChoice.setState({ chosen: id });
}

/** The remote model that answers the next turn, if one is chosen. */
export function answeringRemote(): string | null {
  return useRemoteChoice.getState().chosen;
}
