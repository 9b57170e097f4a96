// The messages that cross the engine process boundary, in both directions. Both ends validate what
// they receive: a transport is a trust boundary even when both sides are ours.
import { z } from "zod";
import { WireError } from "../contract/errors.ts";

export const CallMessage = z.object({
  type: z.literal("call"),
  id: z.string().min(1),
  method: z.string().min(1),
  input: z.unknown(),
});
export const CancelMessage = z.object({ type: z.literal("cancel"), id: z.string().min(1) });
export const ShutdownMessage = z.object({ type: z.literal("shutdown") });
export const ToEngineMessage = z.discriminatedUnion("type", [CallMessage, CancelMessage, ShutdownMessage]);
export type CallMessage = z.infer<typeof CallMessage>;
export type ToEngineMessage = z.infer<typeof ToEngineMessage>;

export const ResultMessage = z.discriminatedUnion("ok", [
  z.object({ type: z.literal("result"), id: z.string(), ok: z.literal(true), output: z.unknown() }),
  z.object({ type: z.literal("result"), id: z.string(), ok: z.literal(false), error: WireError }),
]);
export const EventMessage = z.object({ type: z.literal("event"), name: z.string(), payload: z.unknown() });
export const ReadyMessage = z.object({ type: z.literal("ready"), pid: z.number(), version: z.string() });
export const FromEngineMessage = z.union([ResultMessage, EventMessage, ReadyMessage]);
export type ResultMessage = z.infer<typeof ResultMessage>;
export type EventMessage = z.infer<typeof EventMessage>;
export type FromEngineMessage = z.infer<typeof FromEngineMessage>;
