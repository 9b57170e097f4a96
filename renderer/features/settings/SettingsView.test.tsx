import "../../test-setup.ts";
import { test, afterEach, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { SettingsView } from "./SettingsView.tsx";
import { freshApi } from "../../testing/install.ts";
import type { FakeApi } from "../../testing/fake-api.ts";
import { DEFAULT_SETTINGS } from "../../../native/contract/settings.ts";

afterEach(cleanup);
let api: FakeApi;
beforeEach(() => {
  api = freshApi()
    .handle("settings.get", () => ({ settings: DEFAULT_SETTINGS, locked: ["offline"] }))
    .handle("engine.info", () => ({ version: "0.1.0", pid: 1, node: "20", platform: "linux", arch: "x64", cpus: 8, dataDir: "/home/ana/.enclave", uptimeMs: 5, gpu: false }))
    .handle("models.list", () => ({ groups: [], folders: [], scanErrors: [] }))
    .handle("apiServer.status", () => ({ running: false, url: null, error: null, token: null, tokenStore: null }))
    .handle("remote.keys", () => ({ withKey: [], store: "file" }))
    .handle("settings.update", (patch) => ({ settings: { ...DEFAULT_SETTINGS, ...patch } as typeof DEFAULT_SETTINGS, locked: ["offline"] }));
});

async function show() {
  await act(async () => {
    render(<SettingsView />);
  });
}

test("the data folder is shown and a policy-locked setting cannot be changed", async () => {
  await show();
  assert.ok(screen.getByText("/home/ana/.enclave"));
  const offline = screen.getByRole("switch", { name: "Offline mode" }) as HTMLInputElement;
  assert.equal(offline.disabled, true);
  assert.ok(screen.getByText("Set by your organisation's policy."));
});

test("a bad value shows its error under the field and is not saved; a good one is", async () => {
  await show();
  const temperature = screen.getByRole("textbox", { name: "Temperature" });
  await act(async () => {
    fireEvent.change(temperature, { target: { value: "9" } });
    fireEvent.blur(temperature);
  });
  assert.match(screen.getByRole("alert").textContent ?? "", /5/);
  assert.equal(temperature.getAttribute("aria-invalid"), "true");
  assert.equal(api.callsOf("settings.update").length, 0);

  await act(async () => {
    fireEvent.change(temperature, { target: { value: "0.2" } });
    fireEvent.blur(temperature);
  });
  assert.equal(screen.queryByRole("alert"), null);
  assert.deepEqual(api.callsOf("settings.update")[0]!.input, { sampling: { ...DEFAULT_SETTINGS.sampling, temperature: 0.2 } });
});

test("context size cannot be left empty", async () => {
  await show();
  const context = screen.getByRole("textbox", { name: "Context size" });
  await act(async () => {
    fireEvent.change(context, { target: { value: "" } });
    fireEvent.blur(context);
  });
  assert.ok(screen.getByText("A value is needed."));
  assert.equal(api.callsOf("settings.update").length, 0);
});

test("question rewriting is off by default and one switch turns it on", async () => {
  await show();
  const rewrite = screen.getByRole("switch", { name: "Rewrite questions into the documents' languages" }) as HTMLInputElement;
  assert.equal(rewrite.checked, false);
  await act(async () => {
    fireEvent.click(rewrite);
  });
  assert.deepEqual(api.callsOf("settings.update")[0]!.input, { multiQuery: true });
});
