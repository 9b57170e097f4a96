// Runs the engine with child_process.fork. Used by tests, the CLI and the headless web host; the
// desktop app uses Electron's utilityProcess behind the same interface.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { EngineLaunchOptions, EngineTransport, ExitInfo } from "./types.ts";
import type { ToEngineMessage } from "./protocol.ts";
import { engineLaunchArgs } from "./launch-args.ts";

/** The engine entry file next to this module, as .ts from sources or .js from a build. */
export function engineEntryPath(): string {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  // Test hook, for the sources only: scripts/run-tests.mjs builds dist/ once and names its engine
  // here, so the engines the tests fork from the sources start as compiled JavaScript, without tsx
  // (about half the time). A build (dist/, the packaged app) always forks its own engine.
  const testEntry = process.env.ENCLAVE_TEST_ENGINE_ENTRY;
  if (ext === "ts" && testEntry) return testEntry;
  return fileURLToPath(new URL(`../engine/main.${ext}`, import.meta.url));
}

export function createNodeTransport(options: EngineLaunchOptions): EngineTransport {
  const entry = engineEntryPath();
  const args = engineLaunchArgs(options);
  const child: ChildProcess = fork(entry, args, {
    // Running from TypeScript sources: the child needs tsx's loader too.
    // --expose-gc: the engine collects garbage after unloading a model (see ModelHost).
    execArgv: ["--expose-gc", ...(entry.endsWith(".ts") ? ["--import", "tsx"] : [])],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "json",
  });
  const exitListeners: ((info: ExitInfo) => void)[] = [];
  let exited = false;
  child.on("exit", (code, signal) => {
    exited = true;
    for (const listener of exitListeners) listener({ code, signal });
  });
  // A failed spawn emits 'error' (and may never emit 'exit'): report it as an exit.
  child.on("error", () => {
    if (!exited) {
      exited = true;
      for (const listener of exitListeners) listener({ code: null, signal: null });
    }
  });

  return {
    get pid() {
      return child.pid;
    },
    send(message: ToEngineMessage) {
      if (!exited && child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on("message", listener);
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill(signal = "SIGTERM") {
      if (!exited) child.kill(signal);
    },
  };
}
