import "../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { DEFAULT_SETTINGS } from "../../../native/contract/settings.ts";
import { CatalogSection } from "./CatalogSection.tsx";
import { freshApi } from "../../testing/install.ts";
import { initialSettingsState, useSettingsStore } from "../settings/store.ts";

afterEach(() => {
  cleanup();
  useSettingsStore.setState(initialSettingsState());
});

test("offline on a fresh install: downloads ask to go online, explicitly, once", async () => {
  const api = freshApi().handle("settings.update", (patch) => ({ settings: { ...DEFAULT_SETTINGS, ...patch }, locked: [] }));
  useSettingsStore.setState({ settings: { ...DEFAULT_SETTINGS, offline: true }, locked: [] });
  render(<CatalogSection onLoad={() => {}} />);
  assert.match(screen.getByText(/Enclave is offline/).textContent ?? "", /asks first/);
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Go online to download" }));
  });
  assert.deepEqual(api.callsOf("settings.update").map((c) => c.input), [{ offline: false }]);
  assert.equal(screen.queryByRole("button", { name: "Go online to download" }), null, "online now: the question is gone");
});

test("offline fixed by the organisation's policy: no way to go online from here", () => {
  freshApi();
  useSettingsStore.setState({ settings: { ...DEFAULT_SETTINGS, offline: true }, locked: ["offline"] });
  render(<CatalogSection onLoad={() => {}} />);
  assert.ok(screen.getByText(/Your organisation keeps Enclave offline/));
  assert.equal(screen.queryByRole("button", { name: "Go online to download" }), null);
});
