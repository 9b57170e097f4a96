// One engine call made for an HTTP request: aborted when the client goes away (the generation stops
// and its sequence returns to the pool), with the call's events handed to the route.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Input, Output, EngineClient } from "../client/types.ts";
import type { MethodName } from "../contract/index.ts";
import type { EventName, EventPayload } from "../contract/events.ts";

export interface CallHooks {
  onEvent?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export async function callForRequest<M extends MethodName>(
  client: EngineClient,
  request: FastifyRequest,
  reply: FastifyReply,
  method: M,
  input: Input<M>,
  hooks: CallHooks = {},
): Promise<Output<M>> {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!reply.raw.writableFinished) controller.abort(new Error("The client closed the connection."));
  };
  reply.raw.on("close", onClose);
  try {
    return await client.call(method, input, { signal: controller.signal, ...(hooks.onEvent && { onEvent: hooks.onEvent }) });
  } finally {
    reply.raw.off("close", onClose);
    request.log.debug({ method }, "engine call finished");
  }
}
