// The API server as the app runs it: inside the engine, attached once (as Electron's main does at
// start), then switched on, moved and off through settings alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";
import { DEFAULT_SETTINGS } from "../native/contract/settings.ts";

let engine: TestEngine;
before(async () => {
  engine = await startTestEngine();
});
after(async () => engine?.close());

test("nothing listens until attached and enabled; the switch starts, restarts and stops it", async () => {
  const off = await engine.client.call("apiServer.status", {});
  assert.deepEqual({ running: off.running, token: off.token }, { running: false, token: null });
  const token = "sk-enclave-from-the-keychain-0001";
  await engine.client.call("settings.update", { apiServer: { ...DEFAULT_SETTINGS.apiServer, enabled: true, port: 0 } });
  assert.equal((await engine.client.call("apiServer.status", {})).running, false, "enabled but not attached: the CLI's engine never listens");

  const attached = await engine.client.call("apiServer.attach", { token });
  assert.equal(attached.running, true, attached.error ?? "");
  assert.match(attached.url ?? "", /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  assert.equal(attached.tokenStore, "keychain");
  const ok = await fetch(`${attached.url}/models`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.status, 200);

  const moved = await engine.client.call("settings.update", { apiServer: { ...DEFAULT_SETTINGS.apiServer, enabled: true, port: 0, metrics: true } });
  assert.equal(moved.settings.apiServer.metrics, true);
  const restarted = await engine.client.call("apiServer.status", {});
  assert.equal((await fetch(`${restarted.url!.replace(/\/v1$/, "")}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status, 200);

  await engine.client.call("settings.update", { apiServer: { ...DEFAULT_SETTINGS.apiServer, enabled: false } });
  const stopped = await engine.client.call("apiServer.status", {});
  assert.equal(stopped.running, false);
  await assert.rejects(fetch(`${restarted.url}/models`), "nothing listens any more");
});

test("without a keychain token the server uses the 0600 file token", async () => {
  const status = await engine.client.call("apiServer.attach", {});
  assert.equal(status.tokenStore, "file");
  assert.match(status.token ?? "", /^sk-enclave-/);
});
