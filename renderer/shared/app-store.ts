// App-wide state: which view is shown, toasts, the engine's health and the model switcher. Features
// keep their own stores; this one holds only what the shell renders.
import { create } from "zustand";
import type { EventPayload } from "../../native/contract/events.ts";
import type { HostCapabilities } from "../../native/contract/shell.ts";
import { errorCode, errorMessage, isAborted } from "./errors.ts";

export type View = "chat" | "documents" | "models" | "settings" | "activity";
export type EngineState = "connecting" | "ready" | "restarted" | "reconnecting" | "unavailable";

export interface Toast {
  id: number;
  level: "info" | "error";
  text: string;
}

export interface AppState {
  view: View;
  toasts: Toast[];
  engine: EngineState;
  notice: EventPayload<"engine.notice"> | null;
  switcherOpen: boolean;
  /** What the host offers (native dialogs in Electron, uploads in the web host). */
  host: HostCapabilities | null;
  /** Why the first contact with the engine failed, while it has not succeeded since. */
  bootError: string | null;
}

export const initialAppState: AppState = { view: "chat", toasts: [], engine: "connecting", notice: null, switcherOpen: false, host: null, bootError: null };

export const useAppStore = create<AppState>(() => ({ ...initialAppState }));

let nextToast = 1;
const TOAST_MS = 6000;

export function showView(view: View): void {
  useAppStore.setState({ view });
}

export function toast(text: string, level: Toast["level"] = "info"): void {
  // The same failure from several calls at once is said once.
  if (useAppStore.getState().toasts.some((t) => t.text === text)) return;
  const id = nextToast++;
  useAppStore.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, level, text }] }));
  const timer: unknown = setTimeout(() => dismissToast(id), TOAST_MS);
  // Under Node (tests) a pending toast must not keep the process alive.
  (timer as { unref?: () => void }).unref?.();
}

/** Shows an error as a toast. A cancel the user asked for is not an error, and a crash is already
 *  told by the engine's notice banner. */
export function toastError(err: unknown): void {
  if (isAborted(err) || errorCode(err) === "ENGINE_CRASHED") return;
  toast(errorMessage(err), "error");
}

export function dismissToast(id: number): void {
  useAppStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

export function setEngineState(engine: EngineState): void {
  useAppStore.setState({ engine });
}

/** The supervisor's notices: a crash was followed by a restart, or the engine could not start. */
/** The supervisor's notices (engine crashed and restarted, or could not start) and the web
 *  client's (connection lost, restored). Returns the new state so callers can refresh after one. */
export function receiveNotice(notice: EventPayload<"engine.notice">): EngineState {
  const byCode: Record<string, EngineState> = {
    ENGINE_CRASHED: "restarted",
    ENGINE_UNAVAILABLE: "unavailable",
    RECONNECTING: "reconnecting",
    RECONNECTED: "ready",
  };
  const engine = (notice.code && byCode[notice.code]) || useAppStore.getState().engine;
  if (notice.code === "RECONNECTED") {
    useAppStore.setState({ notice: null, engine });
    toast(notice.message);
  } else {
    useAppStore.setState({ notice, engine });
  }
  return engine;
}

export function dismissNotice(): void {
  useAppStore.setState((s) => ({ notice: null, engine: s.engine === "restarted" ? "ready" : s.engine }));
}

export function setHost(host: HostCapabilities): void {
  useAppStore.setState({ host });
}

export function setSwitcherOpen(open: boolean): void {
  useAppStore.setState({ switcherOpen: open });
}
