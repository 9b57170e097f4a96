// The session-wide rules for every page the app shows: our CSP on each response, no request leaving
// the app (the CSP should stop them first; this catches what it does not cover, and logs each one),
// and permissions (camera, microphone, notifications, geolocation, clipboard reads, HID/USB/serial…)
// refused.
// Enclave needs none of them; a page that asks is either a bug or an attack, so requests are logged.
// The one exception is writing sanitized text to the clipboard from the app's own page: the copy
// buttons (renderer/components/copy.ts) need it, and it can neither read nor write anything else.
import type { Session } from "electron";
import { isAppUrl } from "./app-url.ts";
import { withCsp } from "./csp.ts";

/** The parts of a session this policy touches (a fake in tests). */
export type PolicySession = Pick<
  Session,
  "setPermissionRequestHandler" | "setPermissionCheckHandler" | "setDevicePermissionHandler"
> & { webRequest: Pick<Session["webRequest"], "onHeadersReceived" | "onBeforeRequest"> };

export interface SessionPolicyOptions {
  csp: string;
  appUrl: string;
  log: (line: string) => void;
  /** Each cancelled request, for the audit log (the engine records it as network.blocked). */
  onBlocked?: (request: { method: string; url: string }) => void;
}

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return permission === "clipboard-sanitized-write" && isAppUrl(requestingUrl, appUrl);
}

/** Schemes that never reach the network: inline data, the page's own blobs, DevTools' own pages. */
const LOCAL_SCHEMES = new Set(["data:", "blob:", "devtools:"]);

/**
 * Whether the page may load `url`: the app itself, local schemes, and, for a dev server, its HMR
 * socket. Everything else (any http(s) host, file:, other custom schemes) is refused.
 */
export function isRequestAllowed(url: string, appUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(target.protocol) || isAppUrl(url, appUrl)) return true;
  const app = new URL(appUrl);
  return app.protocol === "http:" && target.protocol === "ws:" && target.host === app.host;
}

export function applySessionPolicy(session: PolicySession, { csp, appUrl, log, onBlocked }: SessionPolicyOptions): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, appUrl);
    if (!allowed) {
      log(`request blocked: ${details.method} ${details.url}`);
      onBlocked?.({ method: details.method, url: details.url });
    }
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, appUrl);
    if (!allowed) log(`permission request denied: ${permission} (${details.requestingUrl})`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => isPermissionAllowed(permission, details.requestingUrl, appUrl));
  session.setDevicePermissionHandler(() => false);
}
