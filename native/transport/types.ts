// The small interface every way of running the engine implements: Node's child_process.fork (tests,
// CLI, headless server) and Electron's utilityProcess (the desktop app).
import type { ToEngineMessage } from "./protocol.ts";

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

/** The parent's handle on one engine process. One instance per process; a restart makes a new one. */
export interface EngineTransport {
  readonly pid: number | undefined;
  send(message: ToEngineMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (info: ExitInfo) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export interface EngineLaunchOptions {
  dataDir: string;
  /** "auto" tries GPU binaries; false forces CPU (tests, CI). */
  gpu?: "auto" | false;
  env?: Record<string, string | undefined>;
}

export type TransportFactory = (options: EngineLaunchOptions) => EngineTransport;

/** The engine's side of the boundary: how it receives calls and sends results and events. */
export interface EnginePort {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}
