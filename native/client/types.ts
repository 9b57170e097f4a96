// The typed client every consumer of the engine uses (CLI, tests, web host, Electron main): calls
// are checked against the contract's schemas on the way out and the way back.
import type { z } from "zod";
import type { Methods, MethodName } from "../contract/index.ts";
import type { EventName, EventPayload } from "../contract/events.ts";

export type Input<M extends MethodName> = z.input<Methods[M]["input"]>;
export type Output<M extends MethodName> = z.infer<Methods[M]["output"]>;

export interface CallOptions {
  /** Aborting sends a cancel to the engine; the call then rejects with EngineError ABORTED
   *  (or resolves, for methods that return partial results on cancel, such as chat.send). */
  signal?: AbortSignal;
  /** Events emitted for this call only (progress, chat deltas). */
  onEvent?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export interface EngineClient {
  call<M extends MethodName>(method: M, input: Input<M>, options?: CallOptions): Promise<Output<M>>;
  /** Events not tied to a call of this client (engine notices, restarts). Returns an unsubscribe. */
  onNotice(listener: (payload: EventPayload<"engine.notice">) => void): () => void;
  close(): Promise<void>;
}
