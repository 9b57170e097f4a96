// EnclaveApi over a message channel to the host: call ids, pending results, per-name event
// listeners. The preload gives it ipcRenderer; a test gives it an in-memory channel. Errors reach the
// page as plain `{code, message}` objects because contextBridge copies only an Error's message.
import { MAX_REQUEST_ID_LENGTH, type EnclaveApi } from "../../native/contract/api.ts";
import type { WireError } from "../../native/contract/errors.ts";
import { isApiMethod, isEventName } from "./allow-list.ts";

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

interface Pending {
  resolve(output: unknown): void;
  reject(error: WireError): void;
}

export function createApiClient(options: ApiClientOptions): EnclaveApi {
  const pending = new Map<string, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let counter = 0;
  // Ids the page chooses (to cancel, and to match events) and ids made here share one map; the
  // prefix keeps ours out of the way of any a page is likely to pick.
  const nextId = () => `preload-${++counter}`;

  options.channel.onMessage((raw) => {
    if (!raw || typeof raw !== "object") return;
    const message = raw as { type?: unknown; id?: unknown; ok?: unknown; output?: unknown; error?: unknown; name?: unknown; payload?: unknown };
    if (message.type === "result" && typeof message.id === "string") {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.ok === true) call.resolve(message.output);
      else call.reject(toWire(message.error));
    } else if (message.type === "event" && typeof message.name === "string") {
      for (const listener of listeners.get(message.name) ?? []) {
        try {
          listener(message.payload);
        } catch (err) {
          (options.reportError ?? console.error)(err);
        }
      }
    }
  });

  const api: EnclaveApi = {
    invoke(method, input, invokeOptions) {
      if (!isApiMethod(method)) return Promise.reject(wire("UNKNOWN_METHOD", `Unknown method "${String(method)}".`));
      const id = invokeOptions?.requestId ?? nextId();
      if (typeof id !== "string" || id.length === 0 || id.length > MAX_REQUEST_ID_LENGTH) {
        return Promise.reject(wire("INVALID_INPUT", `A requestId must be a string of 1 to ${MAX_REQUEST_ID_LENGTH} characters.`));
      }
      if (pending.has(id)) return Promise.reject(wire("INVALID_INPUT", `Request id "${id}" is already in use.`));
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (output: unknown) => void, reject });
        options.channel.send({ type: "call", id, method, input: input ?? {} });
      });
    },
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`);
      if (typeof listener !== "function") throw new Error("A listener must be a function.");
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    cancel(requestId) {
      if (typeof requestId === "string" && pending.has(requestId)) options.channel.send({ type: "cancel", id: requestId });
    },
    async resolveFiles(files) {
      if (!Array.isArray(files)) throw wire("INVALID_INPUT", "resolveFiles takes an array of File objects.");
      return files.map((file) => {
        let path = "";
        try {
          path = options.getPathForFile(file);
        } catch {
          // Not a File at all: reported below like a File without a path.
        }
        if (!path) throw wire("INVALID_INPUT", `"${describe(file)}" is not a file on this computer; drop or pick files from disk.`);
        return path;
      });
    },
  };
  return api;
}

function wire(code: WireError["code"], message: string): WireError {
  return { code, message };
}

/** The host's error as a plain object; anything unexpected still gets a code and a sentence. */
function toWire(error: unknown): WireError {
  if (error && typeof error === "object" && typeof (error as WireError).code === "string" && typeof (error as WireError).message === "string") {
    const { code, message, details } = error as WireError;
    return details ? { code, message, details } : { code, message };
  }
  return wire("INTERNAL", "The app sent a malformed error.");
}

function describe(file: unknown): string {
  return file && typeof file === "object" && "name" in file && typeof file.name === "string" ? file.name : String(file);
}

