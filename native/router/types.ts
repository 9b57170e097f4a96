// What a handler receives besides its input, and the handler types derived from a method table.
import type { z } from "zod";
import type { MethodSpec, MethodTable } from "../contract/define.ts";
import type { EventName, EventPayload } from "../contract/events.ts";

/** Event payload as a handler emits it: the router fills in the request id. */
export type EmitPayload<E extends EventName> = Omit<EventPayload<E>, "requestId">;

export interface CallContext {
  readonly requestId: string;
  /** Aborted when the caller cancels or disconnects. */
  readonly signal: AbortSignal;
  emit<E extends EventName>(event: E, payload: EmitPayload<E>): void;
}

export type Handler<M extends MethodSpec> = (input: z.infer<M["input"]>, ctx: CallContext) => Promise<z.infer<M["output"]>>;
export type Handlers<T extends MethodTable> = { [K in keyof T]: Handler<T[K]> };
