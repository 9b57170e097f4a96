// Handlers for conversations and chat turns. Every streamed delta is written to the conversation's
// journal before it is sent, so whatever a user saw survives a crash of the engine.
import { EngineError } from "../contract/errors.ts";
import type { conversationMethods } from "../contract/conversations.ts";
import type { Handlers } from "../router/types.ts";
import { answer, type ConversationDeps } from "./answer-turn.ts";
import { createExportHandler } from "./export-handler.ts";

export function createConversationHandlers(deps: ConversationDeps): Handlers<typeof conversationMethods> {
  const { store, settings } = deps;
  return {
    "conversations.create": async (input) =>
      store.create({ title: input.title, systemPrompt: input.systemPrompt ?? settings().defaultSystemPrompt, sampling: input.sampling ?? {} }),
    "conversations.list": async ({ query }) => ({ conversations: await store.list(query) }),
    "conversations.get": async ({ id }) => store.get(id),
    "conversations.update": async ({ id, ...patch }) => store.update(id, patch),
    "conversations.delete": async ({ id }) => ({ deleted: await store.delete(id) }),
    ...createExportHandler({ store }),

    "chat.send": async ({ conversationId, text, sampling }, ctx) =>
      answer(deps, ctx, conversationId, sampling, async () => {
        const before = (await store.get(conversationId)).messages;
        const user = await store.appendUserMessage(conversationId, text);
        return { history: before, user, appended: true };
      }),

    "chat.regenerate": async ({ conversationId, sampling }, ctx) =>
      answer(deps, ctx, conversationId, sampling, async () => {
        const messages = (await store.get(conversationId)).messages;
        const index = messages.findLastIndex((m) => m.role === "user");
        if (index < 0) throw new EngineError("INVALID_INPUT", "There is no user message to answer again.");
        const next = messages[index + 1];
        if (next) await store.truncateFrom(conversationId, next.id);
        return { history: messages.slice(0, index), user: messages[index]!, appended: false };
      }),

    "chat.edit": async ({ conversationId, messageId, text, sampling }, ctx) =>
      answer(deps, ctx, conversationId, sampling, async () => {
        const messages = (await store.get(conversationId)).messages;
        const index = messages.findIndex((m) => m.id === messageId);
        if (index < 0) throw new EngineError("MESSAGE_NOT_FOUND", `Message ${messageId} is not in this conversation.`);
        if (messages[index]!.role !== "user") throw new EngineError("INVALID_INPUT", "Only your own messages can be edited.");
        await store.truncateFrom(conversationId, messageId);
        const user = await store.appendUserMessage(conversationId, text);
        return { history: messages.slice(0, index), user, appended: true };
      }),
  };
}
