import "../../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ManagedCatalog } from "./ManagedCatalog.tsx";
import { freshApi } from "../../../testing/install.ts";
import { untilAborted } from "../../../testing/fake-api.ts";
import { useAppStore } from "../../../shared/app-store.ts";

afterEach(cleanup);

const approved = { id: "qwen-q8", name: "Qwen Approved", quant: "Q8_0", url: "https://mirror.corp/qwen.gguf", sha256: "a".repeat(64), license: "apache-2.0", sizeBytes: 1_000_000, installedPath: null };
const texts = () => useAppStore.getState().toasts.map((t) => t.text);

test("without a catalog in the policy, nothing is shown", async () => {
  freshApi().handle("catalog.list", () => ({ source: null, models: [] }));
  const { container } = render(<ManagedCatalog />);
  await act(async () => {});
  assert.equal(container.innerHTML, "");
});

test("one click installs an approved model with progress, then it reads Installed", async () => {
  let installed = false;
  let release!: () => void;
  const api = freshApi()
    .handle("catalog.list", () => ({ source: "https://mirror.corp/catalog.json", models: [{ ...approved, installedPath: installed ? "/models/qwen.gguf" : null }] }))
    .handle("catalog.install", () => new Promise((resolve) => (release = () => {
      installed = true;
      resolve({ model: {} as never });
    })))
    .handle("models.list", () => ({ groups: [], folders: [], scanErrors: [] }) as never);
  render(<ManagedCatalog />);
  fireEvent.click(await screen.findByRole("button", { name: "Install Qwen Approved" }));
  const requestId = api.callsOf("catalog.install")[0]!.requestId;
  act(() => api.emit("progress", { requestId, task: "download", fraction: 0.4 }));
  assert.equal(screen.getByRole("progressbar", { name: "Installing Qwen Approved" }).getAttribute("aria-valuenow"), "40");
  await act(async () => release());
  await waitFor(() => assert.ok(screen.getByText("Installed")));
  assert.deepEqual(api.callsOf("catalog.install").map((c) => c.input), [{ id: "qwen-q8" }]);
  assert.ok(texts().some((t) => t.startsWith("Installed Qwen Approved")));
});

test("Cancel stops the install and says nothing was kept", async () => {
  const api = freshApi()
    .handle("catalog.list", () => ({ source: "/srv/share/catalog.json", models: [approved] }))
    .handle("catalog.install", (_input, { signal }) => untilAborted(signal));
  render(<ManagedCatalog />);
  fireEvent.click(await screen.findByRole("button", { name: "Install Qwen Approved" }));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  });
  assert.equal(api.cancelled.length, 1);
  await waitFor(() => assert.ok(screen.getByRole("button", { name: "Install Qwen Approved" })));
  assert.ok(texts().some((t) => t.startsWith("Cancelled the installation of Qwen Approved")));
});
