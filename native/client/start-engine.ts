// Starts the engine as a Node child process and returns the typed, supervised client. The CLI, the
// tests and the headless web host use this; the desktop app passes Electron's transport instead.
import { createNodeTransport } from "../transport/node-transport.ts";
import type { EngineLaunchOptions } from "../transport/types.ts";
import { SupervisedEngineClient } from "./supervised-client.ts";

export function startEngine(options: EngineLaunchOptions): Promise<SupervisedEngineClient> {
  return SupervisedEngineClient.start({ ...options, createTransport: createNodeTransport });
}
