// The main process's wiring (electron/main/index.ts) under plain Node: Electron's modules are a
// recording fake (fake-electron/), the engine is real (a Node child standing in for the utility
// process). Checks what the unit tests of each piece cannot: that index.ts puts them together.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BRIDGE_CHANNEL } from "../../native/contract/api.ts";
import { engineEntryPath } from "../../native/transport/node-transport.ts";
import { launchMain, until, type LaunchedMain } from "./fake-electron/launch.ts";
import type { FakeWebContents } from "./fake-electron/state.ts";

const appUrl = "app://enclave/index.html";
/** A stand-in for the built renderer's page, so that app:// has something real to serve. */
const RENDERER_PAGE = "<!doctype html><title>Enclave stand-in</title>";
let dataDir: string;
let appRoot: string;
let main: LaunchedMain;
let electron: LaunchedMain["electron"];
let contents: FakeWebContents;
const call = (method: string, input: unknown) => main.call(method, input);

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "enclave-main-"));
  // The app's root as a packaged app would have it, with stand-ins for the built engine and preload
  // (the engine actually run is the TypeScript source, below): the test needs no build.
  appRoot = join(dataDir, "app");
  for (const file of [["dist", "native", "engine", "main.js"], ["dist", "electron", "preload", "index.cjs"], ["dist", "renderer", "index.html"]]) {
    await mkdir(join(appRoot, ...file.slice(0, -1)), { recursive: true });
    await writeFile(join(appRoot, ...file), file.at(-1) === "index.html" ? RENDERER_PAGE : "");
  }
  process.env.ENCLAVE_DATA_DIR = dataDir;
  process.env.ENCLAVE_THREADS = "1";
  delete process.env.ENCLAVE_RENDERER_URL;
  // The built engine entry need not exist here: the engine's sources run instead, through tsx.
  main = await launchMain({ appPath: appRoot, mainModule: new URL("../../electron/main/index.ts", import.meta.url), engineEntry: engineEntryPath() });
  ({ electron, contents } = main);
});

after(async () => {
  if (!main) return;
  // Quitting shuts the engine down; the test then removes its data.
  assert.equal((await main.quit()).waitedForEngine, true, "quit waits for the engine");
  await rm(dataDir, { recursive: true, force: true });
});

test("the data folder is ENCLAVE_DATA_DIR (as for the CLI), Chromium's files in a subfolder", () => {
  assert.equal(electron.calls.paths.get("userData"), dataDir);
  assert.equal(electron.calls.paths.get("sessionData"), join(dataDir, "chromium"));
});

test("the engine is forked as a utility process of the built entry, with the data folder", () => {
  assert.equal(electron.calls.forks[0]!.modulePath, join(appRoot, "dist", "native", "engine", "main.js"));
  assert.deepEqual(electron.calls.forks[0]!.args, ["--data-dir", dataDir]);
});

test("one hardened window on the built renderer, shown when ready, with the bundled preload", () => {
  const window = electron.windows[0]!;
  const prefs = window.options.webPreferences!;
  assert.equal(prefs.preload, join(appRoot, "dist", "electron", "preload", "index.cjs"));
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(window.url, appUrl);
  assert.equal(window.shown, true);
  // The menu: File (quit) or the macOS app menu, Edit, View, Window, and Help with the data folder.
  const menu = electron.calls.menu as { role?: string; label?: string; submenu?: { label?: string; role?: string }[] }[];
  const tops = menu.map((item) => item.role ?? item.label);
  assert.deepEqual(tops, [process.platform === "darwin" ? "appMenu" : "&File", "editMenu", "&View", "windowMenu", "help"]);
  assert.deepEqual(menu.at(-1)!.submenu!.map((item) => item.label), ["Open Data Folder"]);
});

test("the renderer is served on the privileged app:// scheme from dist/renderer, with the CSP", async () => {
  assert.deepEqual(electron.calls.privilegedSchemes, [{ scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  const answer = await electron.calls.protocolHandlers.get("app")!({ url: appUrl, method: "GET" });
  assert.equal(answer.status, 200);
  assert.equal(await answer.text(), RENDERER_PAGE);
  assert.match(answer.headers.get("content-security-policy")!, /script-src 'self' 'wasm-unsafe-eval';/);
  // Outside the renderer folder there is nothing to serve, whatever the path says.
  const escape = await electron.calls.protocolHandlers.get("app")!({ url: "app://enclave/..%2F..%2Fnative%2Fengine%2Fmain.js", method: "GET" });
  assert.notEqual(escape.status, 200);
});

test("the session denies permissions, sets the CSP and keeps requests inside the app", () => {
  let granted: boolean | undefined;
  electron.calls.permissionRequest!({}, "media", (g: boolean) => (granted = g), { requestingUrl: appUrl });
  assert.equal(granted, false);
  let headers: { responseHeaders: Record<string, string[]> } | undefined;
  electron.calls.headers!({ responseHeaders: {} }, (h: typeof headers) => (headers = h));
  assert.match(headers!.responseHeaders["Content-Security-Policy"]![0]!, /script-src 'self' 'wasm-unsafe-eval';/);
  let request: { cancel: boolean } | undefined;
  electron.calls.beforeRequest!({ url: "https://example.com/x.js", method: "GET" }, (r: typeof request) => (request = r));
  assert.deepEqual(request, { cancel: true });
});

test("window.open of a link asks, then opens it in the browser; the window itself is denied", async () => {
  assert.deepEqual(contents.openHandler!({ url: "https://example.com/doc" } as never), { action: "deny" });
  await until(() => electron.calls.openedExternal.length === 1, "the external open");
  assert.deepEqual(electron.calls.openedExternal, ["https://example.com/doc"]);
  assert.equal(electron.calls.messageBoxes.length, 1);
});

test("the window's calls reach the engine; shell methods are answered by the main process", async () => {
  assert.deepEqual(await call("engine.info", {}).then((r) => (r as { output: { dataDir: string } }).output.dataDir), dataDir);
  const unknown = (await call("fs.read", {})) as { ok: boolean; error: { code: string } };
  assert.equal(unknown.error.code, "UNKNOWN_METHOD");
  const picked = (await call("shell.pickPaths", { purpose: "model", multiple: false })) as { output: { paths: string[] } };
  assert.deepEqual(picked.output.paths, ["/picked/model.gguf"]);
  assert.deepEqual((electron.calls.openDialogs[0] as { filters: unknown }).filters, [{ name: "GGUF models", extensions: ["gguf"] }]);
});

test("a message from a frame that is not the app's main frame gets no answer", async () => {
  electron.fake.ipcMain.emit(BRIDGE_CHANNEL.toHost, { sender: contents, senderFrame: { url: "https://evil.example/", frameToken: "x" } }, { type: "call", id: "evil", method: "engine.ping", input: {} });
  // The same call from the main frame, sent after it, is answered; the engine answers pings in the
  // order they arrive, so had the foreign frame's call gone through, its answer would be here first.
  assert.equal((await call("engine.ping", {})).ok, true);
  assert.equal(contents.sent.some((m) => (m as { id?: string }).id === "evil"), false);
});

test("a killed engine fails the call in flight, the window gets a notice, and the next call works", async () => {
  const first = (await call("engine.ping", {})) as { output: { pid: number } };
  const inFlight = call("engine.ping", { delayMs: 60_000 });
  await new Promise((r) => setTimeout(r, 200));
  process.kill(first.output.pid, "SIGKILL");
  const failed = (await inFlight) as { ok: boolean; error: { code: string } };
  assert.equal(failed.error.code, "ENGINE_CRASHED");
  await until(() => contents.sent.some((m) => (m as { name?: string }).name === "engine.notice"), "the notice");
  const second = (await call("engine.ping", {})) as { output: { pid: number } };
  assert.notEqual(second.output.pid, first.output.pid);
  assert.equal(electron.calls.forks.length, 2);
});

test("a second launch focuses the window", () => {
  electron.fake.app.emit("second-instance");
  assert.equal(electron.calls.focused, 1);
});
