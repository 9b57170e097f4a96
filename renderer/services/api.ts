// The one way the renderer reaches the engine. In Electron the preload exposes `window.enclave`; in a
// browser the web host serves this bundle and we speak to it over a WebSocket, authenticated by the
// token the host put in the URL fragment. Feature stores call `api()`; tests install a fake.
import type { EnclaveApi } from "../../native/contract/api.ts";
import { createWebSocketApi } from "./ws-api.ts";
import { WS_PATH } from "../../native/contract/wire/names.ts";

declare global {
  interface Window {
    enclave?: EnclaveApi;
  }
}

const TOKEN_KEY = "enclave.token";

let current: EnclaveApi | null = null;

export function installApi(next: EnclaveApi): void {
  current = next;
}

export function api(): EnclaveApi {
  if (!current) throw new Error("The engine API is not connected yet.");
  return current;
}

/**
 * Reads `#token=…` from the URL once, keeps it for this tab in sessionStorage (so a reload still
 * works) and removes it from the visible URL so it is not bookmarked, shared or shown.
 */
export function takeToken(loc: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    storage.setItem(TOKEN_KEY, token);
    history.replaceState(null, "", loc.pathname + loc.search);
    return token;
  }
  return storage.getItem(TOKEN_KEY);
}

/** The web host answers WebSockets on its own origin. */
export function webSocketUrl(loc: Location): string {
  const url = new URL(WS_PATH, loc.href);
  url.protocol = loc.protocol === "https:" ? "wss:" : "ws:";
  url.hash = "";
  return url.toString();
}

/** Picks the transport for this window: the Electron preload if present, else the web host. */
export function connectApi(win: Window): EnclaveApi {
  if (win.enclave) return win.enclave;
  const token = takeToken(win.location, win.sessionStorage, win.history);
  if (!token) throw new Error("No access token: open Enclave from the link the web host printed (it ends in #token=…).");
  return createWebSocketApi(webSocketUrl(win.location), token);
}
