// The model last loaded in this window's profile, offered back ("Load <model>") when none is
// loaded: after an unload, a restart of the app, or another window's switch. Display and a model
// id only; a model gone from the library simply fails to load with the engine's own message.
const KEY = "enclave.chat.lastModel";

export interface LastModel {
  id: string;
  name: string;
}

export function rememberLastModel(model: LastModel): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(model));
  } catch {
    // storage full or refused: the offer is a convenience only
  }
}

export function lastModel(): LastModel | null {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? "null");
    if (!value || typeof value !== "object") return null;
    const { id, name } = value as Record<string, unknown>;
    return typeof id === "string" && typeof name === "string" ? { id, name } : null;
  } catch {
    return null;
  }
}
