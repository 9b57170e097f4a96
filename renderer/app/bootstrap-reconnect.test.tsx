import "../test-setup.ts";
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cleanup, render, screen } from "@testing-library/react";
import type { WireError } from "../../native/contract/errors.ts";
import { bootstrap } from "./bootstrap.ts";
import { freshApi } from "../testing/install.ts";
import { OnboardingView } from "../features/onboarding/OnboardingView.tsx";

afterEach(cleanup);

const LOOKING = /Looking in LM Studio/;

test("a first-run model scan cut off by a dropped connection is asked again when it comes back", async () => {
  // The first models.list is in flight when the socket drops: ws-api fails it, as it fails every
  // call the host was carrying. The second (after RECONNECTED) answers.
  let dropConnection!: () => void;
  let listCalls = 0;
  const api = freshApi()
    .handle("shell.capabilities", () => ({ host: "web", fileDialogs: false, uploads: true, openExternal: false }))
    .handle("inference.status", () => ({ loaded: null, rssBytes: 1, busy: false }))
    .handle("conversations.list", () => ({ conversations: [] }))
    .handle("models.list", () => {
      listCalls += 1;
      if (listCalls > 1) return { groups: [], folders: [], scanErrors: [] };
      return new Promise<never>((_, reject) => {
        dropConnection = () => reject({ code: "ENGINE_UNAVAILABLE", message: "Lost the connection to the Enclave host; reconnecting." } satisfies WireError);
      });
    });
  const off = await bootstrap();
  render(<OnboardingView />);
  await screen.findByText(LOOKING);

  api.emit("engine.notice", { level: "warning", code: "RECONNECTING", message: "Lost the connection to the Enclave host; reconnecting…" });
  dropConnection();
  await new Promise((r) => setTimeout(r, 10));
  assert.match(document.body.textContent!, LOOKING, "while the host is away the scan has no answer yet");
  assert.equal(listCalls, 1);

  api.emit("engine.notice", { level: "info", code: "RECONNECTED", message: "Connection to the Enclave host restored." });
  await screen.findByText(/None found in LM Studio/);
  assert.doesNotMatch(document.body.textContent!, LOOKING);
  assert.equal(listCalls, 2);
  off();
});

test("a reconnect asks for nothing again when no listing was cut off", async () => {
  const api = freshApi()
    .handle("shell.capabilities", () => ({ host: "web", fileDialogs: false, uploads: true, openExternal: false }))
    .handle("inference.status", () => ({ loaded: null, rssBytes: 1, busy: false }))
    .handle("conversations.list", () => ({ conversations: [] }))
    .handle("models.list", () => ({ groups: [], folders: [], scanErrors: [] }));
  const off = await bootstrap();
  render(<OnboardingView />);
  await screen.findByText(/None found in LM Studio/);
  api.emit("engine.notice", { level: "info", code: "RECONNECTED", message: "Connection to the Enclave host restored." });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(api.callsOf("models.list").length, 1);
  off();
});
