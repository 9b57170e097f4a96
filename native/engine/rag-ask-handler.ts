// rag.ask: retrieve passages from a collection, give the loaded model a numbered-sources prompt that
// fits its context, stream the answer into a conversation, and return citations whose quoted spans
// were checked against the sources. With no model loaded the passages alone come back (search still
// answers an analyst's question, just without the prose).
import type { ragMethods, SearchHit } from "../contract/rag.ts";
import type { CallContext, Handlers } from "../router/types.ts";
import { buildGroundedPrompt } from "../rag/answer/grounded-prompt.ts";
import { extractCitations, sourceCitation } from "../rag/answer/citations.ts";
import { answer, type ConversationDeps } from "./answer-turn.ts";

/** The share of the context the sources may fill; the rest is for history, the question and the answer. */
const SOURCES_SHARE = 0.6;
const DEFAULT_K = 6;

export interface RagAskDeps extends ConversationDeps {
  search: (input: { query: string; collection: string; k: number }, ctx: CallContext) => Promise<{ hits: SearchHit[] }>;
}

export function createRagAskHandler(deps: RagAskDeps): Handlers<Pick<typeof ragMethods, "rag.ask">> {
  return {
    "rag.ask": async ({ question, collection, conversationId, k, sampling }, ctx) => {
      const { hits } = await deps.search({ query: question, collection, k: k ?? DEFAULT_K }, ctx);
      if (!deps.host.loadedInfo) {
        const sources = hits.map((hit, i) => sourceCitation({ n: i + 1, hit }));
        return { answer: null, conversationId: null, message: null, citations: [], sources, hits };
      }

      const conversation = conversationId ? await deps.store.get(conversationId) : await deps.store.create({ systemPrompt: deps.settings().defaultSystemPrompt });
      const result = await answer(deps, ctx, conversation.id, sampling, async (loaded) => {
        const countTokens = (text: string) => loaded.model.tokenize(text).length;
        const grounded = buildGroundedPrompt(question, hits, { budgetTokens: Math.floor(loaded.info.contextSize * SOURCES_SHARE), countTokens });
        const history = (await deps.store.get(conversation.id)).messages;
        const user = await deps.store.appendUserMessage(conversation.id, question);
        return {
          history,
          user,
          appended: true,
          modelText: grounded.prompt,
          citationsFor: (text) => extractCitations(text, grounded.sources),
          sources: grounded.sources.map(sourceCitation),
        };
      });
      const message = result.assistantMessage;
      return { answer: message.text, conversationId: conversation.id, message, citations: message.citations ?? [], sources: message.sources ?? [], hits };
    },
  };
}
