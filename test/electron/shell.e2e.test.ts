// The desktop app end to end: the real Electron binary, the built main process, preload, renderer and
// engine. Needs an Electron binary (see electron-binary.ts); skipped with the reason where there is none.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { _electron, type ElectronApplication, type Page } from "playwright-core";
import type { EnclaveApi } from "../../native/contract/api.ts";
import { findElectronBinary, NO_BINARY } from "./electron-binary.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const binary = findElectronBinary(root);

/** What page.evaluate sees in the window. The root tsconfig has no DOM types (this file runs in
 *  Node), and functions sent to the page cannot close over Node-side helpers, so each one casts. */
interface PageGlobals {
  enclave: EnclaveApi;
  __notices: unknown[];
  __inFlight?: unknown;
  __inline?: boolean;
  require?: unknown;
  process?: unknown;
  location: { href: string };
  document: { head: { append(node: unknown): void }; createElement(tag: "script"): { textContent: string } };
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed`);
}

describe("Electron shell", { skip: binary ? false : NO_BINARY }, () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  before(async () => {
    run(process.execPath, ["electron/build/build.mjs", "all"]);
    run("npm", ["run", "build:renderer"]);
    dataDir = await mkdtemp(join(tmpdir(), "enclave-e2e-"));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "ENCLAVE_RENDERER_URL") env[k] = v;
    app = await _electron.launch({ executablePath: binary!, args: [root], env: { ...env, ENCLAVE_DATA_DIR: dataDir }, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).enclave !== undefined);
  });

  after(async () => {
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test("the window is isolated, sandboxed, without Node, and shows the built renderer", async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      // Undocumented but present (Electron's own tests use it): the preferences the page runs with.
      const last = (contents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null }).getLastWebPreferences?.();
      return last ? { contextIsolation: last.contextIsolation, sandbox: last.sandbox, nodeIntegration: last.nodeIntegration, webSecurity: last.webSecurity } : null;
    });
    if (prefs) assert.deepEqual(prefs, { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    else console.log("# getLastWebPreferences is gone: checked what the page can reach only");
    // What the page itself can reach, whatever the API above says.
    const reach = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return { require: typeof w.require, process: typeof w.process, url: w.location.href };
    });
    assert.deepEqual({ require: reach.require, process: reach.process }, { require: "undefined", process: "undefined" });
    assert.match(reach.url, /^app:\/\/enclave\/index\.html/);
  });

  test("the preload exposes exactly invoke, on, cancel and resolveFiles", async () => {
    const shape = await page.evaluate(() =>
      Object.entries((globalThis as unknown as PageGlobals).enclave)
        .map(([k, v]) => `${k}:${typeof v}`)
        .sort(),
    );
    assert.deepEqual(shape, ["cancel:function", "invoke:function", "on:function", "resolveFiles:function"]);
  });

  test("an unknown method is refused with UNKNOWN_METHOD; real ones answer", async () => {
    const refused = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).enclave.invoke("fs.read" as never, { path: "/etc/passwd" } as never).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    assert.equal((refused as { code: string }).code, "UNKNOWN_METHOD");
    const pong = await page.evaluate(() => (globalThis as unknown as PageGlobals).enclave.invoke("engine.ping", {}));
    assert.equal(pong.pong, true);
    const caps = await page.evaluate(() => (globalThis as unknown as PageGlobals).enclave.invoke("shell.capabilities", {}));
    assert.equal(caps.host, "electron");
  });

  test("an inline script is blocked by the CSP, files on disk are out of reach, and the page cannot navigate away", async () => {
    const ran = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      const script = w.document.createElement("script");
      script.textContent = "window.__inline = true";
      w.document.head.append(script);
      return w.__inline === true;
    });
    assert.equal(ran, false);
    const read = await page.evaluate(() => fetch("file:///etc/hostname").then(() => "read", () => "refused"));
    assert.equal(read, "refused");
    const start = page.url();
    await page.evaluate(() => void ((globalThis as unknown as PageGlobals).location.href = "file:///etc/hostname"));
    await page.waitForTimeout(500);
    assert.equal(page.url(), start);
  });

  test("a killed engine fails the call in flight, is restarted, the window is told, and the next call works", async () => {
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.__notices = [];
      w.enclave.on("engine.notice", (n) => w.__notices.push(n));
      w.enclave.invoke("engine.ping", { delayMs: 30_000 }).then(
        () => (w.__inFlight = "resolved"),
        (e: unknown) => (w.__inFlight = e),
      );
    });
    const first = await page.evaluate(() => (globalThis as unknown as PageGlobals).enclave.invoke("engine.ping", {}));
    const enginePid = await app.evaluate(({ app: electronApp }) => {
      const metric = electronApp.getAppMetrics().find((m) => m.type === "Utility" && (m.serviceName === "Enclave engine" || m.name === "Enclave engine"));
      return metric?.pid ?? null;
    });
    assert.equal(enginePid, first.pid, "the engine runs in the utility process named Enclave engine");
    await app.evaluate((_modules, pid) => process.kill(pid, "SIGKILL"), enginePid!);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__notices.length > 0, undefined, { timeout: 30_000 });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__inFlight !== undefined);
    const inFlight = await page.evaluate(() => (globalThis as unknown as PageGlobals).__inFlight);
    assert.equal((inFlight as { code: string }).code, "ENGINE_CRASHED");
    const notices = await page.evaluate(() => (globalThis as unknown as PageGlobals).__notices);
    assert.match(JSON.stringify(notices), /restarted/);
    const second = await page.evaluate(() => (globalThis as unknown as PageGlobals).enclave.invoke("engine.ping", {}));
    assert.equal(second.pong, true);
    assert.notEqual(second.pid, first.pid);
  });
});
