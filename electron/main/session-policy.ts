// The session-wide rules for every page the app shows: our CSP on each response, and every
// permission (camera, microphone, notifications, geolocation, clipboard reads, HID/USB/serial…)
// refused. Enclave needs none of them; a page that asks is either a bug or an attack, so it is logged.
import type { Session } from "electron";
import { withCsp } from "./csp.ts";

/** The parts of a session this policy touches (a fake in tests). */
export type PolicySession = Pick<
  Session,
  "setPermissionRequestHandler" | "setPermissionCheckHandler" | "setDevicePermissionHandler"
> & { webRequest: Pick<Session["webRequest"], "onHeadersReceived"> };

export function applySessionPolicy(session: PolicySession, csp: string, log: (line: string) => void): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    log(`permission request denied: ${permission} (${details.requestingUrl})`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
