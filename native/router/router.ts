// The one router behind every transport (engine IPC, the WebSocket web host, the HTTP API, the CLI):
// it validates input against the contract, runs the handler with a cancellation signal and an event
// emitter bound to the request, validates the output, and turns every failure into a wire error.
import { z } from "zod";
import type { MethodTable } from "../contract/define.ts";
import { EngineError, formatZodError, toWireError, type WireError } from "../contract/errors.ts";
import type { EventName, EventPayload } from "../contract/events.ts";
import type { CallContext, Handlers } from "./types.ts";

export type CallOutcome = { ok: true; output: unknown } | { ok: false; error: WireError };
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Router {
  /** Runs one call to completion. Never throws: failures come back as `{ok: false, error}`. */
  dispatch(requestId: string, method: string, input: unknown, sink: EventSink): Promise<CallOutcome>;
  /** Aborts a call in flight; unknown ids are ignored (the call may have just finished). */
  cancel(requestId: string): void;
  /** Aborts every call in flight (transport closed, shutdown). */
  cancelAll(reason: string): void;
  readonly inFlight: number;
}

export function createRouter<T extends MethodTable>(methods: T, handlers: Handlers<T>): Router {
  const running = new Map<string, AbortController>();

  return {
    get inFlight() {
      return running.size;
    },

    async dispatch(requestId, method, input, sink) {
      if (!Object.hasOwn(methods, method)) {
        return { ok: false, error: { code: "UNKNOWN_METHOD", message: `Unknown method "${method}".` } };
      }
      if (running.has(requestId)) {
        return { ok: false, error: { code: "INVALID_INPUT", message: `Request id "${requestId}" is already in use.` } };
      }
      const spec = methods[method]!;
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        return { ok: false, error: { code: "INVALID_INPUT", message: `${method}: ${formatZodError(parsed.error)}` } };
      }
      const controller = new AbortController();
      running.set(requestId, controller);
      const ctx: CallContext = {
        requestId,
        signal: controller.signal,
        emit: (event, payload) => sink(event, { ...payload, requestId } as EventPayload<typeof event>),
      };
      try {
        const handler = handlers[method as keyof T] as (input: unknown, ctx: CallContext) => Promise<unknown>;
        const output = await handler(parsed.data, ctx);
        const checked = spec.output.safeParse(output);
        if (!checked.success) {
          // A handler broke the contract: that is our bug, and the caller must not get a bad shape.
          throw new EngineError("INTERNAL", `${method} returned a malformed result: ${formatZodError(checked.error)}`);
        }
        return { ok: true, output: checked.data };
      } catch (err) {
        if (controller.signal.aborted && !(err instanceof EngineError)) {
          return { ok: false, error: { code: "ABORTED", message: "Cancelled." } };
        }
        return { ok: false, error: toWireError(err) };
      } finally {
        running.delete(requestId);
      }
    },

    cancel(requestId) {
      running.get(requestId)?.abort(new EngineError("ABORTED", "Cancelled."));
    },

    cancelAll(reason) {
      for (const controller of running.values()) controller.abort(new EngineError("ABORTED", reason));
    },
  };
}

/** Type helper for tests and transports that need the schema-derived types of a table. */
export type MethodInput<T extends MethodTable, M extends keyof T> = z.input<T[M]["input"]>;
export type MethodOutput<T extends MethodTable, M extends keyof T> = z.infer<T[M]["output"]>;
