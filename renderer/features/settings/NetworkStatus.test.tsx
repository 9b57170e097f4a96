import "../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, render, screen } from "@testing-library/react";
import { NetworkStatus } from "./NetworkStatus.tsx";
import { initialSettingsState, saveSettings, useSettingsStore } from "../../shared/settings/store.ts";
import { freshApi } from "../../testing/install.ts";
import type { FakeApi } from "../../testing/fake-api.ts";
import { DEFAULT_SETTINGS } from "../../../native/contract/settings.ts";

afterEach(cleanup);
let api: FakeApi;
beforeEach(() => {
  useSettingsStore.setState(initialSettingsState());
  api = freshApi()
    .handle("settings.get", () => ({ settings: DEFAULT_SETTINGS, locked: ["offline"] }))
    .handle("engine.info", () => ({ version: "0.1.0", pid: 1, node: "20", platform: "linux", arch: "x64", cpus: 8, dataDir: "/d", uptimeMs: 5, gpu: false }));
});

test("a fresh install shows offline in the status bar, and says when the organisation sets it", async () => {
  assert.equal(DEFAULT_SETTINGS.offline, true, "offline is the default");
  await act(async () => {
    render(<NetworkStatus engineReady />);
  });
  assert.equal(screen.getByTestId("network-status").textContent, "Offline (set by your organisation)");
});

test("a change refused by policy shows the reason under its field instead of a toast", async () => {
  api.handle("settings.update", () => {
    throw { code: "POLICY_DENIED", message: "A context of 9000 tokens is above the 2048 your organisation's policy allows." };
  });
  assert.equal(await saveSettings({ contextSize: 9000 }), false);
  assert.match(useSettingsStore.getState().errors.contextSize ?? "", /2048/);
});
