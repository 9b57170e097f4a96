// The whole engine contract: every method any transport (IPC, WebSocket, HTTP, CLI) may call.
import { systemMethods } from "./system.ts";
import { modelMethods } from "./models.ts";
import { inferenceMethods } from "./inference.ts";
import { conversationMethods } from "./conversations.ts";
import { settingsMethods } from "./settings.ts";
import { ragMethods } from "./rag.ts";
import { ragEvalMethods } from "./rag-eval.ts";
import { modelEvalMethods } from "./model-eval.ts";
import { apiServerMethods, completionMethods, remoteMethods } from "./completions.ts";
import { quantLabMethods } from "./quant-lab.ts";
import { policyMethods } from "./policy.ts";
import { auditMethods } from "./audit.ts";
import { dataMethods } from "./data.ts";
import { catalogMethods } from "./catalog.ts";

export const methods = {
  ...systemMethods,
  ...modelMethods,
  ...inferenceMethods,
  ...conversationMethods,
  ...settingsMethods,
  ...ragMethods,
  ...ragEvalMethods,
  ...modelEvalMethods,
  ...completionMethods,
  ...apiServerMethods,
  ...remoteMethods,
  ...quantLabMethods,
  ...policyMethods,
  ...auditMethods,
  ...dataMethods,
  ...catalogMethods,
};
export type Methods = typeof methods;
export type MethodName = keyof Methods;

export { events, type EventName, type EventPayload } from "./events.ts";
export * from "./errors.ts";
