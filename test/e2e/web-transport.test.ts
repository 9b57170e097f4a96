// The browser side of the web host's transport, in a real Chromium: a tab that loses the host shows
// "Reconnecting…" and comes back by itself; uploads from the page (its own Origin, the token header)
// land in the data folder; a page from another origin cannot open the engine's socket even with the
// right token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { e2eSuite } from "./harness/suite.ts";
import { AppPage } from "./pages/app-page.ts";
import { startWebHost } from "../../native/web/host.ts";

const suite = e2eSuite();
const { skip } = suite;

test("when the host goes away the tab says it is reconnecting, then recovers on its own", { skip, timeout: 120_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    // Let the first screen finish its own calls, so what is tested is the transport coming back.
    await shell.page.getByText("tiny-q8_0.gguf").first().waitFor();
    const restarted = suite.app.restartHost(1500);
    await shell.engineStatus.filter({ hasText: "Reconnecting" }).waitFor({ timeout: 10_000 });
    await restarted;
    await shell.engineStatus.filter({ hasText: "Engine ready" }).waitFor({ timeout: 20_000 });
    // Chromium logs each refused reconnect attempt (socket, favicon) as an error; nothing else may
    // have gone wrong during the outage.
    assert.deepEqual(shell.console.problems.filter((p) => !/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/.test(p)), []);
    shell.console.clear();
    // The new socket carries calls: Settings asks the engine for its data folder when it opens.
    await shell.goTo("Settings");
    await shell.page.getByText(suite.app.engine.dataDir).waitFor({ timeout: 10_000 });
    assert.deepEqual(shell.console.problems, []);
  } finally {
    await shell.close();
  }
});

test("a file uploaded from the page lands in the data folder", { skip, timeout: 60_000 }, async () => {
  const shell = await AppPage.open(suite.browser, suite.app.url);
  try {
    const result = await shell.page.evaluate(async (token) => {
      const res = await fetch("/upload?name=from%20the%20browser.txt", { method: "POST", headers: { "X-Enclave-Token": token }, body: new Blob(["dropped text"]) });
      return { status: res.status, body: (await res.json()) as { path?: string } };
    }, suite.app.host.token);
    assert.equal(result.status, 201);
    assert.ok(result.body.path?.startsWith(`${suite.app.engine.dataDir}/uploads/`));
    assert.equal(await readFile(result.body.path!, "utf8"), "dropped text");
  } finally {
    await shell.close();
  }
});

test("a page from another origin cannot open the engine's socket, even knowing the token", { skip, timeout: 60_000 }, async () => {
  const other = await startWebHost({ client: suite.app.engine.client, dataDir: suite.app.engine.dataDir, rendererDir: "/nonexistent" });
  const context = await suite.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${other.origin}/`);
    const outcome = await page.evaluate(
      ({ url, token }) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url, ["enclave.v1", `enclave.token.${token}`]);
          ws.onopen = () => resolve("open");
          ws.onclose = () => resolve("refused");
        }),
      { url: `ws://127.0.0.1:${suite.app.host.port}/ws`, token: suite.app.host.token },
    );
    assert.equal(outcome, "refused");
  } finally {
    await context.close();
    await other.close();
  }
});
