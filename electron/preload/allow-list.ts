// The names the renderer may use, taken from the contract itself: every engine method, the host's
// shell methods, and the contract's events. Nothing else crosses the preload.
import { methods } from "../../native/contract/index.ts";
import { shellMethods } from "../../native/contract/shell.ts";
import { events, type EventName } from "../../native/contract/events.ts";
import type { ApiMethodName } from "../../native/contract/api.ts";

const METHOD_NAMES: ReadonlySet<string> = new Set([...Object.keys(methods), ...Object.keys(shellMethods)]);
const EVENT_NAMES: ReadonlySet<string> = new Set(Object.keys(events));

export function isApiMethod(name: unknown): name is ApiMethodName {
  return typeof name === "string" && METHOD_NAMES.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === "string" && EVENT_NAMES.has(name);
}
