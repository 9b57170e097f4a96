// The question side of a turn, decided once for every front-end (chat.send/regenerate/edit and
// rag.ask): which question a turn answers, whether the turn is allowed on the conversation shown,
// and what is written for it. Regenerate keeps the earlier answer as another version of it (a new
// answer under the same question); edit adds a new version of the question, which starts a branch
// (what followed the old version stays on its own branch).
import { EngineError } from "../contract/errors.ts";
import type { Message } from "../contract/conversations.ts";
import type { ConversationStore } from "../store/conversation-store.ts";

export type TurnKind = { kind: "send"; text: string } | { kind: "regenerate"; question?: string } | { kind: "edit"; messageId: string; text: string };

export interface WrittenQuestion {
  /** Messages before the one being answered. */
  history: Message[];
  /** The stored user message being answered. */
  user: Message;
  /** Whether `user` was added by this call (it is returned to the caller then). */
  appended: boolean;
}

/** rag.ask's turn: a new question, or the conversation's last one again (`regenerate`). */
export function askTurn(question: string, regenerate: boolean | undefined, conversationId: string | undefined): TurnKind {
  if (!regenerate) return { kind: "send", text: question };
  if (!conversationId) throw new EngineError("INVALID_INPUT", "regenerate needs the conversationId whose last answer it replaces.");
  return { kind: "regenerate", question };
}

/** The question a turn answers, before anything is written (grounded turns search for it first). */
export function questionOf(messages: readonly Message[], turn: TurnKind): string {
  if (turn.kind !== "regenerate") return turn.text;
  return messages[lastUserIndex(messages)]!.text;
}

/** Checks a turn against the conversation shown, so that it fails before anything is written. */
export function checkTurn(messages: readonly Message[], turn: TurnKind): void {
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
export async function writeQuestion(store: ConversationStore, conversationId: string, turn: TurnKind): Promise<WrittenQuestion> {
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

function lastUserIndex(messages: readonly Message[]): number {
  const index = messages.findLastIndex((m) => m.role === "user");
  if (index < 0) throw new EngineError("INVALID_INPUT", "There is no question in this conversation to answer again.");
  return index;
}
