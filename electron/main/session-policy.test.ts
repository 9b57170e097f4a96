import { test } from "node:test";
import assert from "node:assert/strict";
import { applySessionPolicy, type PolicySession } from "./session-policy.ts";

/** Records the handlers the policy installs, so they can be called as Electron would. */
function fakeSession() {
  const installed: Record<string, (...args: never[]) => unknown> = {};
  const session = {
    webRequest: { onHeadersReceived: (listener: never) => (installed.headers = listener) },
    setPermissionRequestHandler: (handler: never) => (installed.request = handler),
    setPermissionCheckHandler: (handler: never) => (installed.check = handler),
    setDevicePermissionHandler: (handler: never) => (installed.device = handler),
  } as unknown as PolicySession;
  return { session, installed: installed as Record<string, (...args: unknown[]) => unknown> };
}

test("every response gets our CSP", () => {
  const { session, installed } = fakeSession();
  applySessionPolicy(session, "default-src 'self'", () => {});
  let answer: unknown;
  installed.headers!({ responseHeaders: { "Content-Security-Policy": ["default-src *"], A: ["b"] } }, (r: unknown) => (answer = r));
  assert.deepEqual(answer, { responseHeaders: { A: ["b"], "Content-Security-Policy": ["default-src 'self'"] } });
});

test("every permission request, check and device request is denied, and requests are logged", () => {
  const { session, installed } = fakeSession();
  const lines: string[] = [];
  applySessionPolicy(session, "x", (line) => lines.push(line));
  for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "openExternal", "fullscreen"]) {
    let granted: boolean | undefined;
    installed.request!({}, permission, (g: boolean) => (granted = g), { requestingUrl: "file:///app/index.html" });
    assert.equal(granted, false, permission);
    assert.equal(installed.check!({}, permission, "file://", {}), false, permission);
  }
  assert.equal(installed.device!({ deviceType: "usb" }), false);
  assert.match(lines[0]!, /permission request denied: media \(file:\/\/\/app\/index\.html\)/);
});
