// rag.ask: retrieve passages from a collection, give the loaded model a numbered-sources prompt that
// fits its context, stream the answer into a conversation, and return citations whose quoted spans
// were checked against the sources. With no model loaded the passages alone come back (search still
// answers an analyst's question, just without the prose).
import type { ragMethods, SearchHit } from "../contract/rag.ts";
import type { Message } from "../contract/conversations.ts";
import { EngineError } from "../contract/errors.ts";
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

/** The turn a grounded answer replies to: a new question appended, or (regenerate) the
 *  conversation's last question, whose answer is dropped so the new one takes its place. */
async function questionTurn(deps: RagAskDeps, conversationId: string, question: string, regenerate: boolean): Promise<{ history: Message[]; user: Message; appended: boolean }> {
  const messages = (await deps.store.get(conversationId)).messages;
  if (!regenerate) return { history: messages, user: await deps.store.appendUserMessage(conversationId, question), appended: true };
  const index = messages.findLastIndex((m) => m.role === "user");
  if (index < 0 || messages[index]!.text !== question) throw new EngineError("INVALID_INPUT", "Only the conversation's last question can be answered again.");
  const answer = messages[index + 1];
  if (answer) await deps.store.truncateFrom(conversationId, answer.id);
  return { history: messages.slice(0, index), user: messages[index]!, appended: false };
}

export function createRagAskHandler(deps: RagAskDeps): Handlers<Pick<typeof ragMethods, "rag.ask">> {
  return {
    "rag.ask": async ({ question, collection, conversationId, regenerate, k, sampling }, ctx) => {
      if (regenerate && !conversationId) throw new EngineError("INVALID_INPUT", "regenerate needs the conversationId whose last answer it replaces.");
      const { hits } = await deps.search({ query: question, collection, k: k ?? DEFAULT_K }, ctx);
      if (!deps.host.loadedInfo) {
        const sources = hits.map((hit, i) => sourceCitation({ n: i + 1, hit }));
        return { answer: null, conversationId: null, message: null, citations: [], sources, hits };
      }

      const conversation = conversationId ? await deps.store.get(conversationId) : await deps.store.create({ systemPrompt: deps.settings().defaultSystemPrompt });
      const result = await answer(deps, ctx, conversation.id, sampling, async (loaded) => {
        const countTokens = (text: string) => loaded.model.tokenize(text).length;
        const grounded = buildGroundedPrompt(question, hits, { budgetTokens: Math.floor(loaded.info.contextSize * SOURCES_SHARE), countTokens });
        const turn = await questionTurn(deps, conversation.id, question, regenerate === true);
        return {
          ...turn,
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
