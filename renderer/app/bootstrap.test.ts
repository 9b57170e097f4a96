import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { bootstrap } from "./bootstrap.ts";
import { freshApi } from "../testing/install.ts";
import type { FakeApi } from "../testing/fake-api.ts";
import { useAppStore } from "../shared/app-store.ts";
import { conversation } from "../testing/fixtures.ts";
import { useOnboardingStore } from "../shared/onboarding/store.ts";

let api: FakeApi;
let reachable: boolean;
beforeEach(() => {
  reachable = false;
  api = freshApi()
    .handle("shell.capabilities", () => {
      if (!reachable) throw { code: "ENGINE_UNAVAILABLE", message: "Lost the connection to the Enclave host; reconnecting." };
      return { host: "web", fileDialogs: false, uploads: true, openExternal: false };
    })
    .handle("inference.status", () => ({ loaded: null, rssBytes: 1, busy: false }))
    .handle("conversations.list", () => ({ conversations: [conversation("c1")] }));
});

const settle = () => new Promise((r) => setTimeout(r, 0));

test("a failed start says why; when the connection comes back everything is read again", async () => {
  const off = await bootstrap();
  assert.equal(useAppStore.getState().engine, "unavailable");
  assert.match(useAppStore.getState().bootError!, /Lost the connection/);

  reachable = true;
  api.emit("engine.notice", { level: "info", code: "RECONNECTED", message: "Connection to the Enclave host restored." });
  await settle();
  await settle();
  const s = useAppStore.getState();
  assert.equal(s.engine, "ready");
  assert.equal(s.bootError, null);
  assert.equal(s.host?.host, "web");
  assert.equal(useOnboardingStore.getState().done, true, "conversations on record end the first run");
  off();
  assert.equal(api.listenerCount("engine.notice"), 0);
});
