// The Electron main process: one instance, one hardened window, the engine supervised in a
// utilityProcess, and the IPC bridge between them. Each rule lives in its own module with a unit
// test; this file only wires them to Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, utilityProcess, type WebContents } from "electron";
import { join } from "node:path";
import { resolveDataDir } from "../../native/host/data-dir.ts";
import { SupervisedEngineClient } from "../../native/client/supervised-client.ts";
import { answerAppRequest, APP_SCHEME, APP_SCHEME_PRIVILEGES } from "./app-protocol.ts";
import { appFiles, missingBuild, resolveAppUrl } from "./app-url.ts";
import { applyContentsPolicy } from "./contents-policy.ts";
import { buildCsp } from "./csp.ts";
import { installIpcBridge } from "./ipc-bridge.ts";
import { buildMenuTemplate } from "./menu.ts";
import { applySessionPolicy } from "./session-policy.ts";
import { confirmAndOpenExternal, createShellHandlers, type ShellDeps } from "./shell-handlers.ts";
import { createUtilityTransportFactory } from "./utility-transport.ts";
import { buildWindowOptions } from "./window-options.ts";
import { attachApiServer } from "./api-server.ts";
import { createSecretStore } from "./secrets.ts";
import { createKeychainKeys } from "./remote-keys.ts";

const log = (line: string): void => console.error(`[enclave] ${line}`);
const dev = !app.isPackaged;

// Same folder as the CLI (ENCLAVE_DATA_DIR, else ~/.config/Enclave and its platform twins), set before
// anything reads it. Chromium's own caches go to a subfolder so they never mix with the engine's data.
const dataDir = resolveDataDir(undefined);
app.setPath("userData", dataDir);
app.setPath("sessionData", join(dataDir, "chromium"));
// Must precede "ready": app:// is where the built renderer is served from (app-protocol.ts).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another Enclave owns the data folder; it focuses its window (second-instance below).
  app.quit();
} else {
  app.whenReady().then(start).catch(fail);
}

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const files = appFiles(app.getAppPath());
  const notBuilt = missingBuild(files);
  if (notBuilt) throw new Error(notBuilt);
  const devUrl = process.env.ENCLAVE_RENDERER_URL;
  const appUrl = resolveAppUrl(devUrl);
  const csp = buildCsp(devUrl ? { devOrigin: new URL(appUrl).origin } : {});
  // Requests cancelled before the engine is up wait for it, then all go to the audit log.
  const blockedBeforeEngine: { method: string; url: string }[] = [];
  let auditBlocked = (request: { method: string; url: string }): void => void blockedBeforeEngine.push(request);
  applySessionPolicy(session.defaultSession, { csp, appUrl, log, onBlocked: (request) => auditBlocked(request) });
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, files.rendererDir, csp));

  const dialogParent = (): BrowserWindow | undefined => mainWindow ?? undefined;
  const shellDeps: ShellDeps = {
    showOpenDialog: (options) => {
      const parent = dialogParent();
      return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
    },
    showMessageBox: (options) => {
      const parent = dialogParent();
      return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
    },
    openExternal: (url) => shell.openExternal(url),
  };
  const openExternal = (url: string): void => {
    confirmAndOpenExternal(shellDeps, url).catch((err: unknown) => log(`opening ${url} failed: ${String(err)}`));
  };
  app.on("web-contents-created", (_event, contents) => applyContentsPolicy(contents, { appUrl, openExternal, log }));

  const client = await SupervisedEngineClient.start({
    dataDir,
    gpu: "auto",
    createTransport: createUtilityTransportFactory({
      fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
      entry: files.engineEntry,
      log,
    }),
  });
  client.onNotice((notice) => log(`engine: ${notice.message}`));
  // The local API server runs in the engine when Settings enable it; it needs the keychain token,
  // again after an engine restart.
  const secrets = createSecretStore(safeStorage, dataDir);
  const attachApi = (): void => void attachApiServer(client, secrets, log).catch((err: unknown) => log(`API server: ${String(err)}`));
  attachApi();
  // Remote models' API keys: the keychain too, handed over again after an engine restart.
  const remoteKeys = createKeychainKeys(client, secrets, log);
  const attachKeys = (): void => void remoteKeys.attach().catch((err: unknown) => log(`Remote model keys: ${String(err)}`));
  attachKeys();
  client.onNotice((notice) => notice.code === "ENGINE_CRASHED" && (attachApi(), attachKeys()));
  auditBlocked = (request) => void client.call("audit.recordBlockedRequest", request).catch((err: unknown) => log(`audit: ${String(err)}`));
  for (const request of blockedBeforeEngine.splice(0)) auditBlocked(request);

  const windows = new Set<WebContents>();
  const bridge = installIpcBridge({
    ipc: ipcMain,
    client: remoteKeys.client,
    appUrl,
    isAppWindow: (contents) => windows.has(contents as WebContents),
    shellFor: () => createShellHandlers(shellDeps),
    log,
  });

  const openWindow = (): void => {
    const window = new BrowserWindow(buildWindowOptions({ preload: files.preload, dev }));
    const contents = window.webContents;
    windows.add(contents);
    contents.once("destroyed", () => windows.delete(contents));
    window.once("ready-to-show", () => window.show());
    window.on("closed", () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    window.loadURL(appUrl).catch((err: unknown) => {
      log(`could not load ${appUrl}: ${String(err)}`);
      // app:// answers even an unbuilt renderer (with a page saying so); what fails here is a dev server.
      const hint = devUrl ? "Is the Vite dev server running (npx vite)?" : "Rebuild the app with npm start.";
      dialog.showErrorBox("Enclave could not show its window", `${appUrl}\n\n${String(err)}\n\n${hint}`);
      app.quit();
    });
  };

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ platform: process.platform, dev, openDataFolder: () => void shell.openPath(dataDir).then(reportOpenPath) }),
    ),
  );
  app.on("second-instance", () => {
    if (!mainWindow) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on("activate", () => {
    if (!mainWindow) openWindow();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });

  // The engine is shut down (not killed) on quit, so an answer being written or an ingestion in
  // progress reaches its journal.
  let engineClosed = false;
  app.on("will-quit", (event) => {
    if (engineClosed) return;
    event.preventDefault();
    bridge.dispose();
    void client.close().finally(() => {
      engineClosed = true;
      app.quit();
    });
  });

  openWindow();
}

function reportOpenPath(error: string): void {
  if (error) log(`could not open the data folder: ${error}`);
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log(`startup failed: ${message}`);
  dialog.showErrorBox("Enclave could not start", message);
  app.exit(1);
}
