import { test } from "node:test";
import assert from "node:assert/strict";
import { checkSender } from "./sender-check.ts";

const app = "app://enclave/index.html";
const ours = (id: number) => id === 1;

test("the main frame of an app window on the app's page is trusted", () => {
  assert.deepEqual(checkSender({ contentsId: 1, frameUrl: `${app}#/chat`, isMainFrame: true }, ours, app), { ok: true });
});

test("another webContents, a subframe, a foreign page or a vanished frame is refused with a reason", () => {
  const cases = [
    { sender: { contentsId: 2, frameUrl: app, isMainFrame: true }, reason: /not an app window/ },
    { sender: { contentsId: 1, frameUrl: app, isMainFrame: false }, reason: /subframe/ },
    { sender: { contentsId: 1, frameUrl: "https://evil.example/", isMainFrame: true }, reason: /not the app \(https:\/\/evil\.example\/\)/ },
    { sender: { contentsId: 1, frameUrl: "file:///tmp/x.html", isMainFrame: true }, reason: /not the app/ },
    { sender: { contentsId: 1, frameUrl: undefined, isMainFrame: true }, reason: /not the app \(gone\)/ },
  ];
  for (const { sender, reason } of cases) {
    const verdict = checkSender(sender, ours, app);
    assert.equal(verdict.ok, false);
    assert.match((verdict as { reason: string }).reason, reason);
  }
});
