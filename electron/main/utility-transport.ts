// The engine in an Electron utilityProcess, behind the same EngineTransport as Node's fork: the
// supervisor (native/client/supervised-client.ts) restarts it after a crash and fails the calls that
// were in flight with ENGINE_CRASHED. The engine side already speaks `process.parentPort`
// (native/engine/port.ts), so nothing above this file knows which process model runs it.
import type { ForkOptions } from "electron";
import type { ToEngineMessage } from "../../native/transport/protocol.ts";
import type { EngineLaunchOptions, EngineTransport, ExitInfo, TransportFactory } from "../../native/transport/types.ts";
import { engineLaunchArgs } from "../../native/transport/launch-args.ts";

/** The parts of Electron's UtilityProcess this transport uses (a fake in tests). */
export interface UtilityChild {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  on(event: "error", listener: (type: string, location: string, report: string) => void): unknown;
}

export type ForkUtility = (modulePath: string, args: string[], options: ForkOptions) => UtilityChild;

export interface UtilityTransportOptions {
  /** `utilityProcess.fork` (after app ready). */
  fork: ForkUtility;
  /** The compiled engine entry (dist/native/engine/main.js). */
  entry: string;
  /** Sends a kill signal to a pid; `process.kill` outside tests. */
  signalPid?: (pid: number, signal: NodeJS.Signals) => void;
  log?: (line: string) => void;
}

export const ENGINE_SERVICE_NAME = "Enclave engine";

export function createUtilityTransportFactory(options: UtilityTransportOptions): TransportFactory {
  const signalPid = options.signalPid ?? ((pid, signal) => process.kill(pid, signal));
  return (launch: EngineLaunchOptions): EngineTransport => {
    const args = engineLaunchArgs(launch);
    const child = options.fork(options.entry, args, {
      serviceName: ENGINE_SERVICE_NAME,
      // stdin cannot be anything but ignored; the engine's logs go to the app's own stdout/stderr.
      stdio: ["ignore", "inherit", "inherit"],
      // The engine collects garbage after unloading a model (native/inference/model-host.ts).
      execArgv: ["--expose-gc"],
      env: definedOnly({ ...process.env, ...launch.env }),
    });
    const exitListeners: ((info: ExitInfo) => void)[] = [];
    let exited = false;
    child.on("exit", (code) => {
      exited = true;
      for (const listener of exitListeners) listener({ code, signal: null });
    });
    // A V8 fatal error: Electron emits 'exit' after it, so only the reason is recorded here.
    child.on("error", (type, location) => options.log?.(`engine process ${type} at ${location}`));

    return {
      get pid() {
        return child.pid;
      },
      send(message: ToEngineMessage) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on("message", listener);
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      kill(signal: NodeJS.Signals = "SIGTERM") {
        if (exited) return;
        // UtilityProcess.kill() always asks politely (SIGTERM on POSIX). The supervisor's SIGKILL
        // (an engine that does not stop, or a simulated crash) must not be softened into that.
        const pid = child.pid;
        if (signal !== "SIGTERM" && pid !== undefined) {
          try {
            signalPid(pid, signal);
            return;
          } catch (err) {
            options.log?.(`could not send ${signal} to engine ${pid}: ${(err as Error).message}`);
          }
        }
        child.kill();
      },
    };
  };
}

/** An env with unset entries dropped (a child would otherwise see the string "undefined"). */
function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}
