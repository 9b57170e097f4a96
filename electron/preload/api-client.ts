// EnclaveApi over a message channel to the host: the shared wire client (native/contract/wire) plus
// what only Electron can do, turning a dropped or picked File into its real path. The preload gives
// it ipcRenderer; a test gives it an in-memory channel.
import type { EnclaveApi } from "../../native/contract/api.ts";
import { createWireClient, wireError } from "../../native/contract/wire/client.ts";

export interface HostChannel {
  /** Sends a CallMessage or CancelMessage to the host. */
  send(message: unknown): void;
  /** Receives the host's ResultMessages and EventMessages. */
  onMessage(listener: (message: unknown) => void): void;
}

export interface ApiClientOptions {
  channel: HostChannel;
  /** The file's path on disk, or "" for a File that has none (made in script, not dropped or picked). */
  getPathForFile(file: File): string;
  /** Where a listener's exception is reported; it must not stop the other listeners. */
  reportError?: (err: unknown) => void;
}

export function createApiClient(options: ApiClientOptions): EnclaveApi {
  let counter = 0;
  const wire = createWireClient({
    // IPC is always open while the page lives.
    send: (message) => {
      options.channel.send(message);
      return true;
    },
    // Ids the page chooses (to cancel, and to match events) and ids made here share one map; the
    // prefix keeps ours out of the way of any a page is likely to pick.
    newId: () => `preload-${++counter}`,
    reportError: options.reportError,
  });
  options.channel.onMessage((message) => wire.receive(message));

  return {
    invoke: wire.invoke,
    on: wire.on,
    cancel: wire.cancel,
    async resolveFiles(files) {
      if (!Array.isArray(files)) throw wireError("INVALID_INPUT", "resolveFiles takes an array of File objects.");
      return files.map((file) => {
        let path = "";
        try {
          path = options.getPathForFile(file);
        } catch {
          // Not a File at all: reported below like a File without a path.
        }
        if (!path) throw wireError("INVALID_INPUT", `"${describe(file)}" is not a file on this computer; drop or pick files from disk.`);
        return path;
      });
    },
  };
}

function describe(file: unknown): string {
  return file && typeof file === "object" && "name" in file && typeof file.name === "string" ? file.name : String(file);
}
