// Every turn of a conversation is decided here, once, for every front-end: send, regenerate and
// edit, plain or grounded. Regenerate keeps the earlier answer as another version of it (a new
// answer under the same question); edit adds a new version of the question, which starts a branch
// (what followed the old version stays on its own branch). A conversation grounded in a collection
// (conversation.collection, owned by the engine) is answered from that collection every time, so a
// regenerated or edited answer is grounded and cited like the first.
import { EngineError } from "../contract/errors.ts";
import type { Message, Sampling, TurnResult } from "../contract/conversations.ts";
import type { SearchHit } from "../contract/rag.ts";
import type { CallContext } from "../router/types.ts";
import { refuseIfOffline } from "../inference/remote-backend.ts";
import type { RemoteResolver } from "../inference/remote-resolver.ts";
import type { ConversationStore } from "../store/conversation-store.ts";
import { buildGroundedPrompt } from "../rag/answer/grounded-prompt.ts";
import { extractCitations, sourceCitation } from "../rag/answer/citations.ts";
import { answer, type ConversationDeps, type PreparedTurn } from "./answer-turn.ts";
import type { TurnBackend } from "./turn-backend.ts";

/** The share of the context the sources may fill; the rest is for history, the question and the answer. */
const SOURCES_SHARE = 0.6;
export const DEFAULT_K = 6;

export type TurnKind = { kind: "send"; text: string } | { kind: "regenerate"; question?: string } | { kind: "edit"; messageId: string; text: string };

export type SearchFn = (input: { query: string; collection: string; k: number }, ctx: CallContext) => Promise<{ hits: SearchHit[] }>;

export interface TurnDeps extends ConversationDeps {
  /** Retrieval for grounded conversations; absent: every turn is plain. */
  search?: SearchFn;
  /** Remote models a turn may name; absent: only the loaded model answers. */
  remote?: RemoteResolver;
}

/** The question a turn answers, before anything is written (grounded turns search for it first). */
function questionOf(messages: readonly Message[], turn: TurnKind): string {
  if (turn.kind !== "regenerate") return turn.text;
  return messages[lastUserIndex(messages)]!.text;
}

function lastUserIndex(messages: readonly Message[]): number {
  const index = messages.findLastIndex((m) => m.role === "user");
  if (index < 0) throw new EngineError("INVALID_INPUT", "There is no question in this conversation to answer again.");
  return index;
}

/** Checks a turn against the conversation shown, so that it fails before anything is written. */
function check(messages: readonly Message[], turn: TurnKind): void {
  if (turn.kind === "regenerate") {
    const index = lastUserIndex(messages);
    if (turn.question !== undefined && messages[index]!.text !== turn.question) {
      throw new EngineError("INVALID_INPUT", "Only the conversation's last question can be answered again.");
    }
  } else if (turn.kind === "edit") {
    const target = messages.find((m) => m.id === turn.messageId);
    if (!target) throw new EngineError("MESSAGE_NOT_FOUND", "That message is not in this conversation (or not in the version shown).");
    if (target.role !== "user") throw new EngineError("INVALID_INPUT", "Only your own messages can be edited.");
  }
}

/** Writes the question side of a turn and says what the answer follows. */
async function prepareTurn(store: ConversationStore, conversationId: string, turn: TurnKind): Promise<Pick<PreparedTurn, "history" | "user" | "appended">> {
  const messages = (await store.get(conversationId)).messages;
  switch (turn.kind) {
    case "send":
      return { history: messages, user: await store.appendUserMessage(conversationId, turn.text), appended: true };
    case "regenerate": {
      // Nothing is removed: the new answer is added beside the old one (answer() places it under `user`).
      const index = lastUserIndex(messages);
      return { history: messages.slice(0, index), user: messages[index]!, appended: false };
    }
    case "edit": {
      const index = messages.findIndex((m) => m.id === turn.messageId);
      const parent = index > 0 ? messages[index - 1]!.id : null;
      const user = await store.appendUserMessage(conversationId, turn.text, { parent });
      return { history: messages.slice(0, index), user, appended: true };
    }
  }
}

export interface TurnOutcome {
  result: TurnResult;
  /** The passages a grounded turn retrieved; null for a plain turn. */
  hits: SearchHit[] | null;
}

export interface TurnOptions {
  k?: number;
  /** A remote model (settings.remoteModels) to answer with instead of the loaded one. Retrieval stays
   *  local: only the assembled prompt goes to the endpoint. */
  model?: string;
}

/** Runs one turn of `conversationId`, grounded in the conversation's collection when it has one. */
export async function runTurn(deps: TurnDeps, ctx: CallContext, conversationId: string, turn: TurnKind, sampling: Sampling | undefined, options: TurnOptions = {}): Promise<TurnOutcome> {
  const conversation = await deps.store.get(conversationId);
  check(conversation.messages, turn);
  // A remote model is refused (policy, offline) before anything is searched or written.
  const remote = await deps.remote?.(options.model, ctx.signal);
  if (remote) refuseIfOffline(remote);
  const collection = conversation.collection ?? null;
  if (!collection || !deps.search) {
    return { result: await answer(deps, ctx, conversationId, sampling, () => prepareTurn(deps.store, conversationId, turn), remote), hits: null };
  }
  const question = questionOf(conversation.messages, turn);
  const { hits } = await deps.search({ query: question, collection, k: options.k ?? DEFAULT_K }, ctx);
  const result = await answer(deps, ctx, conversationId, sampling, async (backend: TurnBackend) => {
    const grounded = buildGroundedPrompt(question, hits, { budgetTokens: Math.floor(backend.contextSize * SOURCES_SHARE), countTokens: backend.countTokens });
    return {
      ...(await prepareTurn(deps.store, conversationId, turn)),
      modelText: grounded.prompt,
      citationsFor: (text: string) => extractCitations(text, grounded.sources),
      sources: grounded.sources.map(sourceCitation),
    };
  }, remote);
  return { result, hits };
}
