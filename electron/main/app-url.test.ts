import { test } from "node:test";
import assert from "node:assert/strict";
import { appFiles, decideNavigation, isAppUrl, resolveAppUrl } from "./app-url.ts";

const index = "/opt/enclave/dist/renderer/index.html";
const fileApp = "file:///opt/enclave/dist/renderer/index.html";

test("the built files sit under dist/ of the app root", () => {
  const files = appFiles("/opt/enclave");
  assert.equal(files.rendererIndex, index);
  assert.equal(files.preload, "/opt/enclave/dist/electron/preload/index.cjs");
  assert.equal(files.engineEntry, "/opt/enclave/dist/native/engine/main.js");
});

test("the app URL is the built index.html, or a loopback dev server", () => {
  assert.equal(resolveAppUrl(index, undefined), fileApp);
  assert.equal(resolveAppUrl(index, ""), fileApp);
  assert.equal(resolveAppUrl(index, "http://127.0.0.1:5173"), "http://127.0.0.1:5173/");
  assert.equal(resolveAppUrl(index, "http://localhost:5173/"), "http://localhost:5173/");
});

test("a dev URL that is remote, https or not a URL is refused with the reason", () => {
  assert.throws(() => resolveAppUrl(index, "http://example.com:5173"), /must be an http:\/\/127\.0\.0\.1/);
  assert.throws(() => resolveAppUrl(index, "https://127.0.0.1:5173"), /must be an http:\/\/127\.0\.0\.1/);
  assert.throws(() => resolveAppUrl(index, "file:///etc/passwd"), /must be an http:\/\/127\.0\.0\.1/);
  assert.throws(() => resolveAppUrl(index, "not a url"), /is not a URL/);
});

test("the app's own file is the app whatever its route; other files are not", () => {
  assert.equal(isAppUrl(fileApp, fileApp), true);
  assert.equal(isAppUrl(`${fileApp}#/chat/42`, fileApp), true);
  assert.equal(isAppUrl(`${fileApp}?x=1`, fileApp), true);
  assert.equal(isAppUrl("file:///opt/enclave/dist/renderer/other.html", fileApp), false);
  assert.equal(isAppUrl("file:///etc/passwd", fileApp), false);
  assert.equal(isAppUrl("https://opt/enclave/dist/renderer/index.html", fileApp), false);
  assert.equal(isAppUrl(undefined, fileApp), false);
  assert.equal(isAppUrl("::::", fileApp), false);
});

test("a dev server is the app on its own origin only", () => {
  const dev = "http://127.0.0.1:5173/";
  assert.equal(isAppUrl("http://127.0.0.1:5173/src/main.tsx", dev), true);
  assert.equal(isAppUrl("http://127.0.0.1:5174/", dev), false);
  assert.equal(isAppUrl("http://localhost:5173/", dev), false);
});

test("navigation: stay on the app, offer http(s) to the browser, refuse the rest", () => {
  assert.equal(decideNavigation(`${fileApp}#/settings`, fileApp), "allow");
  assert.equal(decideNavigation("https://huggingface.co/models", fileApp), "external");
  assert.equal(decideNavigation("http://example.com/", fileApp), "external");
  for (const url of ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "ftp://x/", "enclave://x", "garbage"]) {
    assert.equal(decideNavigation(url, fileApp), "deny", url);
  }
});
