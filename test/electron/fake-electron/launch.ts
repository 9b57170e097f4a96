// Runs a main-process module (electron/main/index.ts, or its build) under plain Node against the
// recording fake of Electron, with real engines forked as stand-in utility processes. One per test
// process: the main module starts the app as it is imported.
import { register } from "node:module";
import { BRIDGE_CHANNEL } from "../../../native/contract/api.ts";
import type { ForkUtility } from "../../../electron/main/utility-transport.ts";
import { forkAsUtility } from "../node-utility.ts";
import { createFakeElectron, type FakeWebContents } from "./state.ts";

export interface LaunchedMain {
  electron: ReturnType<typeof createFakeElectron>;
  contents: FakeWebContents;
  /** Sends a bridge call as the window's main frame and resolves with the host's answer. */
  call(method: string, input: unknown): Promise<{ ok: boolean; output?: unknown; error?: { code: string; message: string } }>;
  /** Quits as Electron would (will-quit) and resolves once the app has let itself quit. */
  quit(): Promise<{ waitedForEngine: boolean }>;
}

export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function launchMain(options: { appPath: string; mainModule: URL; engineEntry?: string }): Promise<LaunchedMain> {
  const fork: ForkUtility = (modulePath, args, forkOptions) => forkAsUtility(options.engineEntry ?? modulePath, args, forkOptions);
  const electron = createFakeElectron({ appPath: options.appPath, fork });
  (globalThis as { __fakeElectron?: unknown }).__fakeElectron = electron.fake;
  register(new URL("./hooks.mjs", import.meta.url));
  await import(options.mainModule.href);
  await until(() => electron.windows.length === 1, "the window");
  const contents = electron.windows[0]!.webContents;
  let nextId = 0;
  return {
    electron,
    contents,
    async call(method, input) {
      const id = `test-${++nextId}`;
      electron.fake.ipcMain.emit(BRIDGE_CHANNEL.toHost, { sender: contents, senderFrame: contents.mainFrame }, { type: "call", id, method, input });
      let answer: unknown;
      await until(() => (answer = contents.sent.find((m) => (m as { id?: string }).id === id)) !== undefined, `the answer to ${method}`);
      return answer as Awaited<ReturnType<LaunchedMain["call"]>>;
    },
    async quit() {
      let waitedForEngine = false;
      electron.fake.app.emit("will-quit", { preventDefault: () => (waitedForEngine = true) });
      await until(() => electron.calls.quit > 0, "the quit after the engine closed");
      return { waitedForEngine };
    },
  };
}
