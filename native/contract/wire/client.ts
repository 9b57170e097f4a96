// The front-end side of the wire, written once: what the Electron preload (over IPC) and the browser
// renderer (over the web host's WebSocket) both need. It owns the pending calls, request ids and their
// limits, the event fan-out, cancel, and the one error shape every call rejects with — a plain
// `{code, message, details?}` object, because Electron's contextBridge copies nothing of an Error but
// its message. A transport gives it a `send` and feeds it what the host sends back. No Node imports
// and no schemas: the sandboxed preload bundles this file.
import { MAX_REQUEST_ID_LENGTH, type ApiInput, type ApiMethodName, type ApiOutput, type InvokeOptions } from "../api.ts";
import type { ErrorCode, WireError } from "../errors.ts";
import type { EventName, EventPayload } from "../events.ts";
import { isApiMethod, isEventName } from "../names.ts";

export interface WireClientOptions {
  /** Sends one call or cancel message; returns false when the transport cannot send now (the call then
   *  waits for `flush()`). */
  send(message: OutgoingMessage): boolean;
  /** A fresh id for a call whose caller chose none. */
  newId(): string;
  /** Where a listener's exception goes; it must not stop the other listeners. */
  reportError?(err: unknown): void;
}

export type OutgoingMessage =
  | { type: "call"; id: string; method: string; input: unknown }
  | { type: "cancel"; id: string };

export interface WireClient {
  invoke<M extends ApiMethodName>(method: M, input: ApiInput<M>, options?: InvokeOptions): Promise<ApiOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  cancel(requestId: string): void;
  /** One message from the host (already parsed): a result settles its call, an event reaches listeners. */
  receive(message: unknown): void;
  /** Delivers an event that did not come from the host (the transport's own notices). */
  emit(name: EventName, payload: unknown): void;
  /** Sends the calls that could not be sent earlier. */
  flush(): void;
  /** Rejects every pending call with this error (the connection is gone, or closed for good). */
  failAll(error: WireError): void;
}

interface Pending {
  message: OutgoingMessage;
  sent: boolean;
  resolve(output: unknown): void;
  reject(error: WireError): void;
}

export function wireError(code: ErrorCode, message: string, details?: Record<string, unknown>): WireError {
  return details ? { code, message, details } : { code, message };
}

/** The host's error as a plain object; a shape we do not recognise still gets a code and a sentence. */
export function toWireErrorShape(error: unknown): WireError {
  if (error && typeof error === "object") {
    const { code, message, details } = error as Partial<WireError>;
    if (typeof code === "string" && typeof message === "string") {
      return wireError(code, message, details && typeof details === "object" ? details : undefined);
    }
  }
  return wireError("INTERNAL", "The app sent a malformed error.");
}

export function createWireClient(options: WireClientOptions): WireClient {
  const pending = new Map<string, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const report = options.reportError ?? ((err: unknown) => console.error("enclave: an event listener failed", err));

  function emit(name: string, payload: unknown): void {
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        report(err);
      }
    }
  }

  return {
    invoke<M extends ApiMethodName>(method: M, input: ApiInput<M>, invokeOptions?: InvokeOptions): Promise<ApiOutput<M>> {
      if (!isApiMethod(method)) return Promise.reject(wireError("UNKNOWN_METHOD", `Unknown method "${String(method)}".`));
      const id = invokeOptions?.requestId ?? options.newId();
      if (typeof id !== "string" || id.length === 0 || id.length > MAX_REQUEST_ID_LENGTH) {
        return Promise.reject(wireError("INVALID_INPUT", `A requestId must be a string of 1 to ${MAX_REQUEST_ID_LENGTH} characters.`));
      }
      if (pending.has(id)) return Promise.reject(wireError("INVALID_INPUT", `Request id "${id}" is already in use.`));
      return new Promise<ApiOutput<M>>((resolve, reject) => {
        const call: Pending = { message: { type: "call", id, method, input: input ?? {} }, sent: false, resolve: resolve as (output: unknown) => void, reject };
        pending.set(id, call);
        call.sent = options.send(call.message);
      });
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`);
      if (typeof listener !== "function") throw new Error("A listener must be a function.");
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => void set.delete(entry);
    },

    cancel(requestId: string): void {
      const call = typeof requestId === "string" ? pending.get(requestId) : undefined;
      if (!call) return;
      if (call.sent) {
        options.send({ type: "cancel", id: requestId });
        return;
      }
      // Never reached the host: settle it here.
      pending.delete(requestId);
      call.reject(wireError("ABORTED", "Cancelled."));
    },

    receive(raw: unknown): void {
      if (!raw || typeof raw !== "object") return;
      const message = raw as { type?: unknown; id?: unknown; ok?: unknown; output?: unknown; error?: unknown; name?: unknown; payload?: unknown };
      if (message.type === "result" && typeof message.id === "string") {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (message.ok === true) call.resolve(message.output);
        else call.reject(toWireErrorShape(message.error));
      } else if (message.type === "event" && typeof message.name === "string") {
        emit(message.name, message.payload);
      }
    },

    emit,

    flush(): void {
      for (const call of pending.values()) {
        if (!call.sent) call.sent = options.send(call.message);
      }
    },

    failAll(error: WireError): void {
      const calls = [...pending.values()];
      pending.clear();
      for (const call of calls) call.reject(error);
    },
  };
}
