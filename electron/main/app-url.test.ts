import { test } from "node:test";
import assert from "node:assert/strict";
import { appFiles, decideNavigation, isAppUrl, missingBuild, resolveAppUrl } from "./app-url.ts";

const APP = "app://enclave/index.html";

test("the built files sit under dist/ of the app root", () => {
  const files = appFiles("/opt/enclave");
  assert.equal(files.rendererDir, "/opt/enclave/dist/renderer");
  assert.equal(files.preload, "/opt/enclave/dist/electron/preload/index.cjs");
  assert.equal(files.engineEntry, "/opt/enclave/dist/native/engine/main.js");
});

test("an unbuilt engine or preload is named with the step that builds it", () => {
  const files = appFiles("/opt/enclave");
  assert.equal(missingBuild(files, () => true), null);
  const message = missingBuild(files, (path) => !path.endsWith("main.js"));
  assert.equal(message, "Enclave is not built: missing /opt/enclave/dist/native/engine/main.js (npm run build:engine). `npm start` builds everything.");
  assert.match(missingBuild(files, () => false)!, /build:engine\) and .*index\.cjs \(npm run build:preload\)/);
});

test("the app URL is the app:// page, or a loopback dev server", () => {
  assert.equal(resolveAppUrl(undefined), APP);
  assert.equal(resolveAppUrl(""), APP);
  assert.equal(resolveAppUrl("http://127.0.0.1:5173"), "http://127.0.0.1:5173/");
  assert.equal(resolveAppUrl("http://localhost:5173/"), "http://localhost:5173/");
});

test("a dev URL that is remote, https or not a URL is refused with the reason", () => {
  assert.throws(() => resolveAppUrl("http://example.com:5173"), /must be an http:\/\/127\.0\.0\.1/);
  assert.throws(() => resolveAppUrl("https://127.0.0.1:5173"), /must be an http:\/\/127\.0\.0\.1/);
  assert.throws(() => resolveAppUrl("file:///etc/passwd"), /must be an http:\/\/127\.0\.0\.1/);
  assert.throws(() => resolveAppUrl("not a url"), /is not a URL/);
});

test("the app is app://enclave whatever the path or route; look-alikes are not", () => {
  assert.equal(isAppUrl(APP, APP), true);
  assert.equal(isAppUrl("app://enclave/#/chat/42", APP), true);
  assert.equal(isAppUrl("app://enclave/assets/index.js?x=1", APP), true);
  assert.equal(isAppUrl("app://other/index.html", APP), false);
  assert.equal(isAppUrl("app://enclave.evil/index.html", APP), false);
  assert.equal(isAppUrl("file:///opt/enclave/dist/renderer/index.html", APP), false);
  assert.equal(isAppUrl("https://enclave/index.html", APP), false);
  assert.equal(isAppUrl(undefined, APP), false);
  assert.equal(isAppUrl("::::", APP), false);
  assert.equal(isAppUrl("file:///a", "file:///b"), false, "host-less URLs are never 'the app'");
});

test("a dev server is the app on its own origin only", () => {
  const dev = "http://127.0.0.1:5173/";
  assert.equal(isAppUrl("http://127.0.0.1:5173/src/main.tsx", dev), true);
  assert.equal(isAppUrl("http://127.0.0.1:5174/", dev), false);
  assert.equal(isAppUrl("http://localhost:5173/", dev), false);
  assert.equal(isAppUrl("https://127.0.0.1:5173/", dev), false);
});

test("navigation: stay on the app, offer http(s) to the browser, refuse the rest", () => {
  assert.equal(decideNavigation("app://enclave/#/settings", APP), "allow");
  assert.equal(decideNavigation("https://huggingface.co/models", APP), "external");
  assert.equal(decideNavigation("http://example.com/", APP), "external");
  for (const url of ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "ftp://x/", "app://elsewhere/", "garbage"]) {
    assert.equal(decideNavigation(url, APP), "deny", url);
  }
});
