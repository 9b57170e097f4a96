import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { freshApi } from "../../testing/install.ts";
import type { FakeApi } from "../../testing/fake-api.ts";
import { DEFAULT_SETTINGS } from "../../../native/contract/settings.ts";
import { clearError, loadSettings, saveSettings, useSettingsStore } from "./store.ts";

let api: FakeApi;
beforeEach(() => {
  api = freshApi();
  api
    .handle("settings.get", () => ({ settings: DEFAULT_SETTINGS, locked: ["offline"] }))
    .handle("engine.info", () => ({ version: "0.1.0", pid: 1, node: "20", platform: "linux", arch: "x64", cpus: 2, dataDir: "/home/u/.enclave", uptimeMs: 5, gpu: false }))
    .handle("settings.update", (patch) => ({ settings: { ...DEFAULT_SETTINGS, ...patch } as typeof DEFAULT_SETTINGS, locked: ["offline"] }));
});

test("load reads settings, locked keys and the data folder", async () => {
  await loadSettings();
  const s = useSettingsStore.getState();
  assert.equal(s.info?.dataDir, "/home/u/.enclave");
  assert.deepEqual(s.locked, ["offline"]);
  assert.equal(s.settings?.contextSize, 4096);
});

test("an out-of-range value is shown inline and never sent", async () => {
  const ok = await saveSettings({ sampling: { temperature: 9 } });
  assert.equal(ok, false);
  assert.match(useSettingsStore.getState().errors["sampling.temperature"]!, /5/);
  assert.equal(api.callsOf("settings.update").length, 0);
  clearError("sampling.temperature");
  assert.deepEqual(useSettingsStore.getState().errors, {});
});

test("a valid change is saved and clears earlier errors", async () => {
  useSettingsStore.setState({ errors: { threads: "old" } });
  assert.equal(await saveSettings({ threads: 3 }), true);
  assert.equal(useSettingsStore.getState().settings?.threads, 3);
  assert.deepEqual(useSettingsStore.getState().errors, {});
});

test("the engine's INVALID_INPUT issues land on their fields; other failures are thrown", async () => {
  api.handle("settings.update", () => {
    throw { code: "INVALID_INPUT", message: "bad", details: { issues: [{ path: ["embeddingModel"], message: "no such model" }] } };
  });
  assert.equal(await saveSettings({ embeddingModel: "nope" }), false);
  assert.equal(useSettingsStore.getState().errors.embeddingModel, "no such model");
  api.handle("settings.update", () => {
    throw { code: "PERMISSION_DENIED", message: "locked by policy" };
  });
  await assert.rejects(saveSettings({ offline: false }), { message: "locked by policy" });
  assert.equal(useSettingsStore.getState().saving, false);
});
