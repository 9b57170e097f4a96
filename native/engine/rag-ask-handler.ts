// rag.ask: retrieve passages from a collection, give the loaded model a numbered-sources prompt that
// fits its context, stream the answer into a conversation, and return citations whose quoted spans
// were checked against the sources. With no model loaded the passages alone come back (search still
// answers an analyst's question, just without the prose). The conversation then remembers its
// collection (the engine owns it), so later turns, regenerate and edit stay grounded (chat-turns.ts).
import type { ragMethods } from "../contract/rag.ts";
import type { Handlers } from "../router/types.ts";
import { sourceCitation } from "../rag/answer/citations.ts";
import { refuseIfOffline } from "../inference/remote-backend.ts";
import { DEFAULT_K, runTurn, type SearchFn, type TurnDeps } from "./chat-turns.ts";
import { askTurn } from "./turn-question.ts";

export interface RagAskDeps extends TurnDeps {
  search: SearchFn;
}

export function createRagAskHandler(deps: RagAskDeps): Handlers<Pick<typeof ragMethods, "rag.ask">> {
  return {
    "rag.ask": async ({ question, collection, conversationId, regenerate, k, sampling, model }, ctx) => {
      const turn = askTurn(question, regenerate, conversationId);
      // A remote model answers without a local one; it is refused (policy, offline) before a
      // conversation is made. Any other name is the loaded model's business.
      const remote = await deps.remote?.(model, ctx.signal);
      if (remote) refuseIfOffline(remote);
      if (!deps.host.loadedInfo && !remote) {
        const { hits } = await deps.search({ query: question, collection, k: k ?? DEFAULT_K }, ctx);
        const sources = hits.map((hit, i) => sourceCitation({ n: i + 1, hit }));
        return { answer: null, conversationId: null, message: null, citations: [], sources, hits };
      }

      let conversation = conversationId ? await deps.store.get(conversationId) : await deps.store.create({ systemPrompt: deps.settings().defaultSystemPrompt, collection });
      if ((conversation.collection ?? null) !== collection) conversation = await deps.store.update(conversation.id, { collection });
      const { result, hits } = await runTurn(deps, ctx, conversation.id, turn, sampling, { k: k ?? DEFAULT_K, ...(model !== undefined && { model }) });
      const message = result.assistantMessage;
      return { answer: message.text, conversationId: conversation.id, message, citations: message.citations ?? [], sources: message.sources ?? [], hits: hits ?? [] };
    },
  };
}
