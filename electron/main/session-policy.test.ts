import { test } from "node:test";
import assert from "node:assert/strict";
import { applySessionPolicy, isPermissionAllowed, isRequestAllowed, type PolicySession } from "./session-policy.ts";

const APP = "app://enclave/index.html";

/** Records the handlers the policy installs, so they can be called as Electron would. */
function fakeSession() {
  const installed: Record<string, (...args: never[]) => unknown> = {};
  const session = {
    webRequest: {
      onHeadersReceived: (listener: never) => (installed.headers = listener),
      onBeforeRequest: (listener: never) => (installed.request_ = listener),
    },
    setPermissionRequestHandler: (handler: never) => (installed.request = handler),
    setPermissionCheckHandler: (handler: never) => (installed.check = handler),
    setDevicePermissionHandler: (handler: never) => (installed.device = handler),
  } as unknown as PolicySession;
  return { session, installed: installed as Record<string, (...args: unknown[]) => unknown> };
}

test("every response gets our CSP", () => {
  const { session, installed } = fakeSession();
  applySessionPolicy(session, { csp: "default-src 'self'", appUrl: APP, log: () => {} });
  let answer: unknown;
  installed.headers!({ responseHeaders: { "Content-Security-Policy": ["default-src *"], A: ["b"] } }, (r: unknown) => (answer = r));
  assert.deepEqual(answer, { responseHeaders: { A: ["b"], "Content-Security-Policy": ["default-src 'self'"] } });
});

test("permission requests, checks and device requests are denied, and requests are logged", () => {
  const { session, installed } = fakeSession();
  const lines: string[] = [];
  applySessionPolicy(session, { csp: "x", appUrl: APP, log: (line) => lines.push(line) });
  for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "openExternal", "fullscreen", "hid", "fileSystem"]) {
    let granted: boolean | undefined;
    installed.request!({}, permission, (g: boolean) => (granted = g), { requestingUrl: APP, isMainFrame: true });
    assert.equal(granted, false, permission);
    assert.equal(installed.check!({}, permission, "app://enclave", { requestingUrl: APP, isMainFrame: true }), false, permission);
  }
  assert.equal(installed.device!({ deviceType: "usb" }), false);
  assert.match(lines[0]!, /permission request denied: media \(app:\/\/enclave\/index\.html\)/);
});

test("only the app's own page may write sanitized text to the clipboard (its copy buttons)", () => {
  assert.equal(isPermissionAllowed("clipboard-sanitized-write", `${APP}#/chat`, APP), true);
  assert.equal(isPermissionAllowed("clipboard-sanitized-write", "https://evil.example/", APP), false);
  assert.equal(isPermissionAllowed("clipboard-sanitized-write", undefined, APP), false);
  assert.equal(isPermissionAllowed("clipboard-read", APP, APP), false);
  const { session, installed } = fakeSession();
  applySessionPolicy(session, { csp: "x", appUrl: APP, log: () => {} });
  let granted: boolean | undefined;
  installed.request!({}, "clipboard-sanitized-write", (g: boolean) => (granted = g), { requestingUrl: APP, isMainFrame: true });
  assert.equal(granted, true);
  assert.equal(installed.check!({}, "clipboard-sanitized-write", "app://enclave", { requestingUrl: APP, isMainFrame: true }), true);
});

test("nothing leaves the app: the app's own URLs and local schemes load, every other request is cancelled and logged", () => {
  for (const url of [`${APP}`, "app://enclave/assets/pdf.worker.min.mjs", "data:image/png;base64,AA==", "blob:app://enclave/1234", "devtools://devtools/bundled/inspector.html"]) {
    assert.equal(isRequestAllowed(url, APP), true, url);
  }
  for (const url of ["https://huggingface.co/", "http://127.0.0.1:8080/v1/models", "file:///etc/passwd", "ws://127.0.0.1:5173/", "app://other/x", "nonsense"]) {
    assert.equal(isRequestAllowed(url, APP), false, url);
  }
  const { session, installed } = fakeSession();
  const lines: string[] = [];
  const audited: unknown[] = [];
  applySessionPolicy(session, { csp: "x", appUrl: APP, log: (line) => lines.push(line), onBlocked: (request) => audited.push(request) });
  let answer: unknown;
  installed.request_!({ url: "https://tracker.example/p.gif", method: "GET" }, (r: unknown) => (answer = r));
  assert.deepEqual(answer, { cancel: true });
  assert.deepEqual(lines, ["request blocked: GET https://tracker.example/p.gif"]);
  installed.request_!({ url: "app://enclave/index.html", method: "GET" }, (r: unknown) => (answer = r));
  assert.deepEqual(answer, { cancel: false });
  assert.deepEqual(audited, [{ method: "GET", url: "https://tracker.example/p.gif" }], "only the cancelled request goes to the audit log");
});

test("with a dev server, its origin and its HMR socket load, other ports and hosts do not", () => {
  const dev = "http://127.0.0.1:5173/";
  assert.equal(isRequestAllowed("http://127.0.0.1:5173/src/main.tsx", dev), true);
  assert.equal(isRequestAllowed("ws://127.0.0.1:5173/?token=x", dev), true);
  assert.equal(isRequestAllowed("ws://127.0.0.1:9999/", dev), false);
  assert.equal(isRequestAllowed("http://localhost:5173/", dev), false);
});
