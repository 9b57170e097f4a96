// Handlers for conversations and chat turns. Every streamed delta is written to the conversation's
// journal before it is sent, so whatever a user saw survives a crash of the engine. What a turn
// does (versions, branches, grounding) is decided in chat-turns.ts and turn-question.ts.
import type { conversationMethods } from "../contract/conversations.ts";
import type { Handlers } from "../router/types.ts";
import { runTurn, type TurnDeps } from "./chat-turns.ts";
import { importConversationJson } from "../store/conversation-import.ts";
import { createExportHandler } from "./export-handler.ts";

export function createConversationHandlers(deps: TurnDeps): Handlers<typeof conversationMethods> {
  const { store, settings } = deps;
  return {
    "conversations.create": async (input) =>
      store.create({ title: input.title, systemPrompt: input.systemPrompt ?? settings().defaultSystemPrompt, sampling: input.sampling ?? {}, collection: input.collection ?? null, lora: input.lora ?? null, contextSize: input.contextSize ?? null }),
    "conversations.list": async ({ query }) => ({ conversations: await store.list(query) }),
    "conversations.get": async ({ id }) => store.get(id),
    "conversations.update": async ({ id, ...patch }) => store.update(id, patch),
    "conversations.delete": async ({ id }) => ({ deleted: await store.delete(id) }),
    "conversations.selectVersion": async ({ id, messageId }) => store.selectVersion(id, messageId),
    ...createExportHandler({ store }),
    "conversations.import": async ({ json }) => ({ conversations: importConversationJson(store, json) }),

    "chat.send": async ({ conversationId, text, sampling, model }, ctx) => (await runTurn(deps, ctx, conversationId, { kind: "send", text }, sampling, { model })).result,
    "chat.regenerate": async ({ conversationId, sampling, model }, ctx) => (await runTurn(deps, ctx, conversationId, { kind: "regenerate" }, sampling, { model })).result,
    "chat.edit": async ({ conversationId, messageId, text, sampling, model }, ctx) =>
      (await runTurn(deps, ctx, conversationId, { kind: "edit", messageId, text }, sampling, { model })).result,
  };
}
