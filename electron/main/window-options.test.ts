import { test } from "node:test";
import assert from "node:assert/strict";
import { buildWindowOptions } from "./window-options.ts";

test("the window is isolated, sandboxed, without Node, with web security, and uses our preload", () => {
  const { webPreferences, show } = buildWindowOptions({ preload: "/app/preload.cjs", dev: false });
  assert.ok(webPreferences);
  assert.equal(webPreferences.preload, "/app/preload.cjs");
  assert.equal(webPreferences.contextIsolation, true);
  assert.equal(webPreferences.sandbox, true);
  assert.equal(webPreferences.nodeIntegration, false);
  assert.equal(webPreferences.nodeIntegrationInWorker, false);
  assert.equal(webPreferences.nodeIntegrationInSubFrames, false);
  assert.equal(webPreferences.webSecurity, true);
  assert.equal(webPreferences.allowRunningInsecureContent, false);
  assert.equal(webPreferences.webviewTag, false);
  assert.equal(webPreferences.navigateOnDragDrop, false);
  assert.equal(webPreferences.devTools, false);
  assert.equal(show, false);
});

test("DevTools only in development", () => {
  assert.equal(buildWindowOptions({ preload: "/p", dev: true }).webPreferences?.devTools, true);
});
