// The engine's end of the process boundary. Under Node (child_process.fork) messages arrive on
// `process`; inside an Electron utilityProcess they arrive on `process.parentPort`. The engine code
// above this file does not know which.
import type { EnginePort } from "../transport/types.ts";

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: "message", listener: (event: { data: unknown }) => void): void;
  on(event: "close", listener: () => void): void;
}

export function openEnginePort(): EnginePort {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on("message", (event) => listener(event.data)),
      onDisconnect: (listener) => parentPort.on("close", listener),
    };
  }
  if (!process.send) throw new Error("The engine must be started by its supervisor (no IPC channel). Use `enclave` or the app.");
  return {
    send: (message) => {
      if (process.connected) process.send!(message);
    },
    onMessage: (listener) => process.on("message", listener),
    onDisconnect: (listener) => process.on("disconnect", listener),
  };
}
