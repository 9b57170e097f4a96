// A Node child process dressed as Electron's UtilityProcess (postMessage, 'message', 'exit' with a
// code, kill() = SIGTERM, pid), for tests of the main process's engine handling without Electron.
import { fork } from "node:child_process";
import { EventEmitter } from "node:events";
import type { ForkUtility, UtilityChild } from "../../electron/main/utility-transport.ts";

export const forkAsUtility: ForkUtility = (modulePath, args, options) => {
  const child = fork(modulePath, args, {
    execArgv: modulePath.endsWith(".ts") ? ["--import", "tsx"] : [],
    env: options.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced", // structured clone, as postMessage uses
  });
  const utility = new EventEmitter() as EventEmitter & UtilityChild;
  child.on("message", (message) => utility.emit("message", message));
  child.on("exit", (code, signal) => utility.emit("exit", code ?? (signal ? 128 : 1)));
  return Object.assign(utility, {
    get pid() {
      return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    postMessage: (message: unknown) => void (child.connected && child.send(message as never)),
    kill: () => child.kill("SIGTERM"),
  });
};
