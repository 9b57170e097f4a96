// The shared tail of every answer (send, regenerate, edit, and grounded questions): with the model
// held, write the question side of the turn, stream the answer into the journal and to the caller,
// and record how it ended. Every delta is written before it is sent, so what a user saw survives a
// crash. Whatever a grounded turn needs from the index was fetched and fitted before (chat-turns.ts):
// under the lock nothing climbs back up to retrieval.
import type { Citation } from "../contract/citations.ts";
import type { Sampling, TurnResult } from "../contract/conversations.ts";
import type { Settings } from "../contract/settings.ts";
import type { CallContext } from "../router/types.ts";
import type { ModelHost } from "../inference/model-host.ts";
import type { ConversationStore } from "../store/conversation-store.ts";
import { sameAnswerer, withTurnBackend, type RemoteTurn, type TurnSizing } from "./turn-backend.ts";
import { writeQuestion, type TurnKind } from "./turn-question.ts";

export interface ConversationDeps {
  store: ConversationStore;
  host: ModelHost;
  settings: () => Settings;
  /** The managed policy's answer rules: a mandatory system prompt and blocked output terms. */
  answerPolicy?: AnswerPolicy;
}

export interface AnswerPolicy {
  systemPrompt(own: string): string;
  blockedTermIn(text: string): string | null;
}

/** A grounded prompt, fitted before the lock to the model that was loaded then. */
export interface GroundedTurn {
  /** What the model is given instead of the stored question (the question with numbered sources). */
  modelText: string;
  /** Citations of the finished (or partial) answer text. */
  citationsFor: (answerText: string) => Citation[];
  /** Every numbered source the model was given, kept with the answer. */
  sources: Citation[];
  /** The model the sources were fitted to. */
  fittedTo: TurnSizing;
}

/** Thrown under the lock, before anything is written, when another model now answers than the one
 *  a grounded prompt was fitted to (a switch landed between fitting and locking): fit it again. */
export class RefitNeeded extends Error {}

export const BLOCKED_MESSAGE = "Stopped by your organisation's policy: the answer contained a blocked term.";

export async function answer(
  deps: ConversationDeps,
  ctx: CallContext,
  conversationId: string,
  sampling: Sampling | undefined,
  /** The turn and, for a grounded one, its prompt. */
  planned: { turn: TurnKind; grounded?: GroundedTurn },
  /** A remote model answering this turn instead of the loaded one. */
  remote?: RemoteTurn,
): Promise<TurnResult> {
  const { store, host, settings } = deps;
  const conversation = await store.get(conversationId); // CONVERSATION_NOT_FOUND before anything changes
  // The conversation's own adapters and context cap (conversations.update) shape the local model for
  // this turn: adapters hot-swapped under the model lock when they differ, history trimmed to the cap.
  const modelSettings = {
    lora: conversation.lora ?? null,
    contextSize: conversation.contextSize ?? null,
    onProgress: (p: { fraction: number | null; message: string }) => ctx.emit("progress", { task: "load", fraction: p.fraction, message: p.message }),
  };
  return withTurnBackend(host, remote, async (backend) => {
    ctx.signal.throwIfAborted();
    const grounded = planned.grounded;
    if (grounded && !sameAnswerer(grounded.fittedTo, backend)) throw new RefitNeeded();
    const turn = await writeQuestion(store, conversationId, planned.turn);
    // The answer follows its question: after a regenerate it is a new version beside the earlier answers.
    const assistant = await store.startAssistant(conversationId, { parent: turn.user.id });
    // A blocked term stops the answer before the delta holding it is kept or shown.
    const stop = new AbortController();
    const onCallerAbort = () => stop.abort(ctx.signal.reason);
    ctx.signal.addEventListener("abort", onCallerAbort, { once: true });
    let shown = "";
    let blocked: string | null = null;
    try {
      const outcome = await backend.run({
        conversationId,
        systemPrompt: deps.answerPolicy ? deps.answerPolicy.systemPrompt(conversation.systemPrompt) : conversation.systemPrompt,
        history: turn.history,
        userText: grounded?.modelText ?? turn.user.text,
        sampling: { ...settings().sampling, ...conversation.sampling, ...sampling },
        signal: stop.signal,
        onDelta: (kind, text) => {
          if (blocked) return;
          if (kind === "text" && deps.answerPolicy) {
            blocked = deps.answerPolicy.blockedTermIn(shown + text);
            if (blocked) return stop.abort();
            shown += text;
          }
          store.appendDelta(conversationId, assistant.id, kind, text);
          ctx.emit("chat.delta", { conversationId, messageId: assistant.id, kind, text });
        },
      });
      if (blocked) {
        const stopped = await store.finishAssistant(conversationId, assistant.id, { status: "error", stopReason: "error", error: BLOCKED_MESSAGE, stats: outcome.stats });
        return { conversationId, userMessage: turn.appended ? turn.user : null, assistantMessage: stopped };
      }
      const citations = grounded?.citationsFor(outcome.text);
      const finished = await store.finishAssistant(conversationId, assistant.id, {
        status: outcome.stopReason === "aborted" ? "interrupted" : "complete",
        stopReason: outcome.stopReason,
        stats: outcome.stats,
        ...(citations ? { citations } : {}),
        ...(grounded ? { sources: grounded.sources } : {}),
      });
      return { conversationId, userMessage: turn.appended ? turn.user : null, assistantMessage: finished };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await store.finishAssistant(conversationId, assistant.id, { status: "error", stopReason: "error", error: message });
      throw err;
    } finally {
      ctx.signal.removeEventListener("abort", onCallerAbort);
    }
  }, modelSettings);
}
