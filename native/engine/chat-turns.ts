// Every turn of a conversation runs through here, once, for every front-end: send, regenerate and
// edit, plain or grounded (the question side is decided in turn-question.ts). A conversation
// grounded in a collection (conversation.collection, owned by the engine) is answered from that
// collection every time, so a regenerated or edited answer is grounded and cited like the first.
//
// Order of a grounded turn: search the collection, fit the numbered sources to the answering
// model's context (its tokenizer needs no lock), and only then take the model lock to write the
// question and generate (answer-turn.ts). So a search or a second grounded question never waits on
// a generation, and nothing under the lock calls back up into retrieval.
import type { Sampling, TurnResult } from "../contract/conversations.ts";
import type { SearchHit } from "../contract/rag.ts";
import type { Settings } from "../contract/settings.ts";
import type { CallContext } from "../router/types.ts";
import { refuseIfOffline, type RemoteCall } from "../inference/remote-backend.ts";
import type { RemoteResolver } from "../inference/remote-resolver.ts";
import { buildGroundedPrompt } from "../rag/answer/grounded-prompt.ts";
import { extractCitations, sourceCitation } from "../rag/answer/citations.ts";
import { answer, RefitNeeded, type ConversationDeps, type GroundedTurn } from "./answer-turn.ts";
import { turnSizing, type RemoteTurn, type TurnSizing } from "./turn-backend.ts";
import { checkTurn, questionOf, type TurnKind } from "./turn-question.ts";

export type { TurnKind } from "./turn-question.ts";

/** The share of the context the sources may fill; the rest is for history, the question and the answer. */
const SOURCES_SHARE = 0.6;
export const DEFAULT_K = 6;
/** Fittings of one grounded prompt when models keep switching under it (then the last error stands). */
const MAX_FITS = 3;

export type SearchFn = (input: { query: string; collection: string; k: number }, ctx: CallContext) => Promise<{ hits: SearchHit[] }>;

export interface TurnDeps extends ConversationDeps {
  /** Retrieval for grounded conversations; absent: every turn is plain. */
  search?: SearchFn;
  /** Remote models a turn may name; absent: only the loaded model answers. */
  remote?: RemoteResolver;
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

/** Numbered sources from `hits`, packed into the share of `sizing`'s context they may fill. */
export function groundTurn(question: string, hits: readonly SearchHit[], sizing: TurnSizing): GroundedTurn {
  const grounded = buildGroundedPrompt(question, hits, { budgetTokens: Math.floor(sizing.contextSize * SOURCES_SHARE), countTokens: sizing.countTokens });
  return {
    modelText: grounded.prompt,
    citationsFor: (text: string) => extractCitations(text, grounded.sources),
    sources: grounded.sources.map(sourceCitation),
    fittedTo: sizing,
  };
}

function remoteTurn(remote: RemoteCall | undefined, settings: () => Settings): RemoteTurn | undefined {
  return remote && { call: remote, contextSize: remote.remote.contextSize ?? settings().contextSize };
}

/** Runs one turn of `conversationId`, grounded in the conversation's collection when it has one. */
export async function runTurn(deps: TurnDeps, ctx: CallContext, conversationId: string, turn: TurnKind, sampling: Sampling | undefined, options: TurnOptions = {}): Promise<TurnOutcome> {
  const conversation = await deps.store.get(conversationId);
  checkTurn(conversation.messages, turn);
  // A remote model is refused (policy, offline) before anything is searched or written.
  const call = await deps.remote?.(options.model, ctx.signal);
  if (call) refuseIfOffline(call);
  const remote = remoteTurn(call, deps.settings);
  const collection = conversation.collection ?? null;
  if (!collection || !deps.search) {
    return { result: await answer(deps, ctx, conversationId, sampling, { turn }, remote), hits: null };
  }
  const question = questionOf(conversation.messages, turn);
  const { hits } = await deps.search({ query: question, collection, k: options.k ?? DEFAULT_K }, ctx);
  for (let fit = 1; ; fit++) {
    ctx.signal.throwIfAborted();
    // Fitted to what the turn will get: the conversation's context cap, when it has one, bounds it
    // (read again on a refit: the cap may have changed too).
    const cap = fit === 1 ? conversation.contextSize : (await deps.store.get(conversationId)).contextSize;
    const grounded = groundTurn(question, hits, turnSizing(deps.host, remote, { contextSize: cap ?? null }));
    try {
      return { result: await answer(deps, ctx, conversationId, sampling, { turn, grounded }, remote), hits };
    } catch (err) {
      if (!(err instanceof RefitNeeded) || fit >= MAX_FITS) throw err;
    }
  }
}
