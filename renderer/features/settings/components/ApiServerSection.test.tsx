import "../../../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { ApiServerSection } from "./ApiServerSection.tsx";
import { freshApi } from "../../../testing/install.ts";
import { DEFAULT_SETTINGS, type Settings } from "../../../../native/contract/settings.ts";

afterEach(cleanup);

test("shows where the server listens and its token on request; the switch saves apiServer.enabled", async () => {
  freshApi().handle("apiServer.status", () => ({ running: true, url: "http://127.0.0.1:8377/v1", error: null, token: "sk-enclave-secret-token-1234", tokenStore: "keychain" }));
  const saved: Partial<Settings>[] = [];
  await act(async () => {
    render(<ApiServerSection value={DEFAULT_SETTINGS.apiServer} save={(patch) => saved.push(patch)} />);
  });
  assert.ok(screen.getByText("http://127.0.0.1:8377/v1"));
  assert.ok(screen.getByRole("button", { name: "Copy address" }));
  assert.equal(screen.queryByText("sk-enclave-secret-token-1234"), null, "the token is hidden until asked for");
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
  });
  assert.ok(screen.getByText("sk-enclave-secret-token-1234"));
  await act(async () => {
    fireEvent.click(screen.getByRole("switch", { name: "Serve an OpenAI-compatible API" }));
  });
  assert.deepEqual(saved, [{ apiServer: { ...DEFAULT_SETTINGS.apiServer, enabled: true } }]);
});

test("a failed start says why", async () => {
  freshApi().handle("apiServer.status", () => ({ running: false, url: null, error: "listen EADDRINUSE 127.0.0.1:8377", token: "sk-enclave-secret-token-1234", tokenStore: "file" }));
  await act(async () => {
    render(<ApiServerSection value={{ ...DEFAULT_SETTINGS.apiServer, enabled: true }} save={() => undefined} />);
  });
  assert.match(screen.getByRole("alert").textContent ?? "", /EADDRINUSE/);
});
