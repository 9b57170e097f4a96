// conversations.export: the conversations asked for (all when no ids), rendered by native/store/export.ts.
import type { conversationMethods } from "../contract/conversations.ts";
import type { Handlers } from "../router/types.ts";
import type { ConversationStore } from "../store/conversation-store.ts";
import { conversationsToJson, conversationsToMarkdown, exportFileName } from "../store/export.ts";

export function createExportHandler(deps: { store: ConversationStore }): Handlers<Pick<typeof conversationMethods, "conversations.export">> {
  return {
    "conversations.export": async ({ ids, format }) => {
      const wanted = ids ?? deps.store.list().map((c) => c.id);
      const conversations = await Promise.all(wanted.map((id) => deps.store.get(id)));
      const now = new Date();
      const content = format === "json" ? conversationsToJson(conversations, now) : conversationsToMarkdown(conversations, now);
      return { format, fileName: exportFileName(conversations, format, now), content, count: conversations.length };
    },
  };
}
