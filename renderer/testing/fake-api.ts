// An in-memory EnclaveApi for store and component tests: each method answers from a handler the
// test registers, calls and cancels are recorded, and the test pushes events as the engine would.
import type { ApiInput, ApiMethodName, ApiOutput, EnclaveApi, InvokeOptions } from "../../native/contract/api.ts";
import type { EventName, EventPayload } from "../../native/contract/events.ts";
import type { WireError } from "../../native/contract/errors.ts";

type Handler<M extends ApiMethodName> = (input: ApiInput<M>, ctx: { requestId: string; signal: AbortSignal }) => ApiOutput<M> | Promise<ApiOutput<M>>;

export interface RecordedCall {
  method: ApiMethodName;
  input: unknown;
  requestId: string;
}

export class FakeApi implements EnclaveApi {
  readonly calls: RecordedCall[] = [];
  readonly cancelled: string[] = [];
  readonly #handlers = new Map<ApiMethodName, Handler<never>>();
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly #aborts = new Map<string, AbortController>();
  #nextId = 0;

  handle<M extends ApiMethodName>(method: M, handler: Handler<M>): this {
    this.#handlers.set(method, handler as unknown as Handler<never>);
    return this;
  }

  async invoke<M extends ApiMethodName>(method: M, input: ApiInput<M>, options?: InvokeOptions): Promise<ApiOutput<M>> {
    const requestId = options?.requestId ?? `fake-${++this.#nextId}`;
    this.calls.push({ method, input, requestId });
    const handler = this.#handlers.get(method) as Handler<M> | undefined;
    if (!handler) throw { code: "UNKNOWN_METHOD", message: `No fake handler for ${method}` } satisfies WireError;
    const abort = new AbortController();
    this.#aborts.set(requestId, abort);
    try {
      return await handler(input, { requestId, signal: abort.signal });
    } finally {
      this.#aborts.delete(requestId);
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  }

  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  cancel(requestId: string): void {
    this.cancelled.push(requestId);
    this.#aborts.get(requestId)?.abort();
  }

  async resolveFiles(files: File[]): Promise<string[]> {
    return files.map((f) => `/uploads/${f.name}`);
  }

  callsOf(method: ApiMethodName): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}

/** A promise that rejects when the signal aborts: fake handlers use it to wait for a cancel. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject({ code: "ABORTED", message: "Cancelled." } satisfies WireError), { once: true });
  });
}
