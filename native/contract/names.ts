// The contract's method and event names as plain lists, for code that must not load the schemas:
// the sandboxed preload (bundled, where zod alone is most of the weight) and the wire client. A test
// beside this file checks the lists against the contract itself, so they cannot drift.
import type { ApiMethodName } from "./api.ts";
import type { EventName } from "./events.ts";

export const API_METHOD_NAMES = [
  "engine.info", "engine.ping",
  "models.list", "models.inspect", "models.addFolder", "models.removeFolder", "models.hash", "models.download",
  "inference.load", "inference.unload", "inference.status",
  "conversations.create", "conversations.list", "conversations.get", "conversations.update", "conversations.delete",
  "conversations.selectVersion", "conversations.export", "conversations.import",
  "chat.send", "chat.regenerate", "chat.edit",
  "settings.get", "settings.update",
  "rag.ingest", "rag.collections", "rag.documents", "rag.removeDocument", "rag.deleteCollection", "rag.search", "rag.ask", "rag.sourcePage", "rag.sourceFile",
  "shell.capabilities", "shell.pickPaths", "shell.openExternal",
] as const satisfies readonly ApiMethodName[];

export const EVENT_NAMES = ["progress", "chat.delta", "engine.notice"] as const satisfies readonly EventName[];

const METHODS: ReadonlySet<string> = new Set(API_METHOD_NAMES);
const EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isApiMethod(name: unknown): name is ApiMethodName {
  return typeof name === "string" && METHODS.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === "string" && EVENTS.has(name);
}
