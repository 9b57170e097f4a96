// An EngineClient over the router in this process: the API server, run inside the engine by the
// desktop app, calls the same router as every other front-end without a process hop.
import type { CallOptions, EngineClient, Input, Output } from "../client/types.ts";
import { EngineError } from "../contract/errors.ts";
import type { MethodName } from "../contract/index.ts";
import type { EventName, EventPayload } from "../contract/events.ts";
import type { Router } from "../router/router.ts";

export function createRouterClient(router: () => Router): EngineClient {
  let next = 0;
  return {
    async call<M extends MethodName>(method: M, input: Input<M>, options: CallOptions = {}): Promise<Output<M>> {
      const id = `api-${++next}`;
      options.signal?.throwIfAborted();
      const onAbort = (): void => router().cancel(id);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const outcome = await router().dispatch(id, method, input, (event, payload) => {
          options.onEvent?.(event as EventName, payload as EventPayload<EventName>);
        });
        if (!outcome.ok) throw EngineError.fromWire(outcome.error);
        return outcome.output as Output<M>;
      } finally {
        options.signal?.removeEventListener("abort", onAbort);
      }
    },
    onNotice() {
      return () => undefined;
    },
    async close() {},
  };
}
