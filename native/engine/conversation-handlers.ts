// Handlers for conversations and chat turns. Every streamed delta is written to the conversation's
// journal before it is sent, so whatever a user saw survives a crash of the engine.
import { EngineError } from "../contract/errors.ts";
import type { conversationMethods, Message, Sampling, TurnResult } from "../contract/conversations.ts";
import type { Settings } from "../contract/settings.ts";
import type { CallContext, Handlers } from "../router/types.ts";
import type { ModelHost } from "../inference/model-host.ts";
import { runChatTurn } from "../inference/chat-turn.ts";
import type { ConversationStore } from "../store/conversation-store.ts";

export interface ConversationDeps {
  store: ConversationStore;
  host: ModelHost;
  settings: () => Settings;
}

export function createConversationHandlers(deps: ConversationDeps): Handlers<typeof conversationMethods> {
  const { store, settings } = deps;
  return {
    "conversations.create": async (input) =>
      store.create({ title: input.title, systemPrompt: input.systemPrompt ?? settings().defaultSystemPrompt, sampling: input.sampling ?? {} }),
    "conversations.list": async ({ query }) => ({ conversations: await store.list(query) }),
    "conversations.get": async ({ id }) => store.get(id),
    "conversations.update": async ({ id, ...patch }) => store.update(id, patch),
    "conversations.delete": async ({ id }) => ({ deleted: await store.delete(id) }),

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

/**
 * The shared tail of send / regenerate / edit: with the model held, prepare the conversation, stream
 * the answer into the journal and to the caller, and record how it ended.
 */
async function answer(
  deps: ConversationDeps,
  ctx: CallContext,
  conversationId: string,
  sampling: Sampling | undefined,
  prepare: () => Promise<{ history: Message[]; user: Message; appended: boolean }>,
): Promise<TurnResult> {
  const { store, host, settings } = deps;
  const conversation = await store.get(conversationId); // CONVERSATION_NOT_FOUND before anything changes
  if (!host.loadedInfo) throw new EngineError("NO_MODEL_LOADED", "No model is loaded. Load one first (inference.load).");
  return host.withLoaded(async (loaded) => {
    ctx.signal.throwIfAborted();
    const { history, user, appended } = await prepare();
    const assistant = await store.startAssistant(conversationId);
    try {
      const outcome = await runChatTurn(loaded, {
        conversationId,
        systemPrompt: conversation.systemPrompt,
        history,
        userText: user.text,
        sampling: { ...settings().sampling, ...conversation.sampling, ...sampling },
        signal: ctx.signal,
        onDelta: (kind, text) => {
          store.appendDelta(conversationId, assistant.id, kind, text);
          ctx.emit("chat.delta", { conversationId, messageId: assistant.id, kind, text });
        },
      });
      const finished = await store.finishAssistant(conversationId, assistant.id, {
        status: outcome.stopReason === "aborted" ? "interrupted" : "complete",
        stopReason: outcome.stopReason,
        stats: outcome.stats,
      });
      return { conversationId, userMessage: appended ? user : null, assistantMessage: finished };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await store.finishAssistant(conversationId, assistant.id, { status: "error", stopReason: "error", error: message });
      throw err;
    }
  });
}
