// Conversations and the live turn. A turn streams into a local "live" assistant message (deltas
// only, matched by our requestId); when it settles, the conversation is re-read from the engine,
// whose journal is the truth (partial answers after a stop, interrupted ones after a crash).
import { create } from "zustand";
import type { Conversation, ConversationAdapter, ConversationSummary, Message, Sampling } from "../../../native/contract/conversations.ts";
import type { Citation, CollectionInfo } from "../../../native/contract/rag.ts";
import type { EventPayload } from "../../../native/contract/events.ts";
import { api } from "../../services/api.ts";
import { isAborted, newRequestId } from "../../shared/errors.ts";
import { ApiError } from "../../services/api-error.ts";
import { answeringRemote } from "../../shared/models/remote-choice.ts";

export interface LiveTurn {
  requestId: string;
  conversationId: string | null;
}

export interface ChatState {
  conversations: ConversationSummary[];
  query: string;
  /** The open conversation; null for a new chat not yet sent. */
  active: Conversation | null;
  /** What the message list shows: the conversation's messages plus the live turn. */
  messages: Message[];
  turn: LiveTurn | null;
  /** Grounds questions in this document collection (rag.ask) when set. For an open conversation
   *  it is the engine's record (Conversation.collection), so every window and the CLI agree. */
  collection: string | null;
  collections: CollectionInfo[];
}

export const initialChatState = (): ChatState => ({
  conversations: [],
  query: "",
  active: null,
  messages: [],
  turn: null,
  collection: null,
  collections: [],
});

export const useChatStore = create<ChatState>(initialChatState);

const LIVE_PREFIX = "live-";
export const isLive = (m: Message): boolean => m.id.startsWith(LIVE_PREFIX);
/** Messages only this window knows (pending, or passages shown without a model): no engine actions. */
export const isLocal = (m: Message): boolean => isLive(m) || m.id.startsWith("local-") || isPassages(m);
const PASSAGES_PREFIX = "passages-";
/** The local message listing passages for a grounded question asked without a model. */
export const isPassages = (m: Message): boolean => m.id.startsWith(PASSAGES_PREFIX);

export async function loadConversations(query = useChatStore.getState().query): Promise<void> {
  useChatStore.setState({ query });
  const out = await api().invoke("conversations.list", query.trim() ? { query: query.trim() } : {});
  // A slower answer to an older query must not overwrite a newer one.
  if (useChatStore.getState().query === query) useChatStore.setState({ conversations: out.conversations });
}

/** Shows a conversation as the engine stored it, with the collection it is grounded in (none if
 *  that collection is known to be gone; a stale list is corrected by loadCollections). */
function show(conversation: Conversation): void {
  useChatStore.setState((s) => {
    const grounding = conversation.collection ?? null;
    const gone = grounding !== null && s.collections.length > 0 && !s.collections.some((c) => c.name === grounding);
    return { active: conversation, messages: conversation.messages, collection: gone ? null : grounding };
  });
}

export async function openConversation(id: string): Promise<void> {
  show(await api().invoke("conversations.get", { id }));
}

/** Shows another version of a message (‹ 2/3 ›); the conversation follows that version's branch. */
export async function showVersion(messageId: string): Promise<void> {
  const { active, turn } = useChatStore.getState();
  if (!active) throw new ApiError("CONVERSATION_NOT_FOUND", "Open a conversation first.");
  if (turn) throw new ApiError("BUSY", "An answer is still being written; stop it first.");
  show(await api().invoke("conversations.selectVersion", { id: active.id, messageId }));
}

export function newConversation(): void {
  useChatStore.setState({ active: null, messages: [] });
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const trimmed = title.trim();
  if (!trimmed) throw new ApiError("INVALID_INPUT", "A conversation needs a name.");
  const updated = await api().invoke("conversations.update", { id, title: trimmed });
  useChatStore.setState((s) => ({
    active: s.active?.id === id ? { ...s.active, title: updated.title } : s.active,
    conversations: s.conversations.map((c) => (c.id === id ? { ...c, title: updated.title } : c)),
  }));
}

export async function deleteConversation(id: string): Promise<void> {
  await api().invoke("conversations.delete", { id });
  useChatStore.setState((s) => ({
    conversations: s.conversations.filter((c) => c.id !== id),
    ...(s.active?.id === id ? { active: null, messages: [] } : {}),
  }));
}

export async function loadCollections(): Promise<void> {
  const out = await api().invoke("rag.collections", {});
  useChatStore.setState((s) => ({
    collections: out.collections,
    collection: s.collection && out.collections.some((c) => c.name === s.collection) ? s.collection : null,
  }));
}

/** Chooses what questions are answered from; an open conversation's choice is recorded by the engine. */
export async function setCollection(collection: string | null): Promise<void> {
  const before = useChatStore.getState().collection;
  useChatStore.setState({ collection });
  const active = useChatStore.getState().active;
  if (!active) return;
  try {
    const updated = await api().invoke("conversations.update", { id: active.id, collection });
    useChatStore.setState((s) => (s.active?.id === updated.id ? { active: { ...s.active, collection: updated.collection ?? null } } : {}));
  } catch (err) {
    useChatStore.setState({ collection: before });
    throw err;
  }
}

function pendingMessages(requestId: string, userText: string | null): Message[] {
  const createdAt = new Date().toISOString();
  const live: Message = { id: `${LIVE_PREFIX}${requestId}`, role: "assistant", text: "", createdAt, status: "streaming" };
  return userText === null ? [live] : [{ id: `${LIVE_PREFIX}user-${requestId}`, role: "user", text: userText, createdAt }, live];
}

/** Deltas that arrive within this long of the last shown one are shown together. A fast model
 *  sends hundreds a second; re-rendering the answer's Markdown for each kept the window too busy
 *  to answer a click on Stop. */
export const DELTA_FLUSH_MS = 50;

/** Collects one turn's deltas (its own requestId only) into the live message: the first at once,
 *  then at most one update per DELTA_FLUSH_MS. `flush` shows what is pending. */
function deltaBuffer(requestId: string): { push: (delta: EventPayload<"chat.delta">) => void; flush: () => void } {
  const liveId = `${LIVE_PREFIX}${requestId}`;
  let text = "";
  let thinking = "";
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (!text && !thinking) return;
    const [t, th] = [text, thinking];
    text = thinking = "";
    useChatStore.setState((s) => ({
      messages: s.messages.map((m) => (m.id !== liveId ? m : { ...m, text: m.text + t, ...(th ? { thinking: (m.thinking ?? "") + th } : {}) })),
    }));
  };
  return {
    push(delta) {
      if (delta.requestId !== requestId) return;
      if (delta.kind === "thinking") thinking += delta.text;
      else text += delta.text;
      if (timer) return;
      flush();
      timer = setTimeout(() => {
        timer = null;
        flush();
      }, DELTA_FLUSH_MS);
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      flush();
    },
  };
}

/** Passages shown when a grounded question was asked with no model loaded: numbered like the
 *  sources of an answer, listed with their text and opened from their chips. */
function passagesMessage(requestId: string, sources: Citation[]): Message {
  return {
    id: `${PASSAGES_PREFIX}${requestId}`,
    role: "assistant",
    text: sources.length ? "No model is loaded, so here are the most relevant passages." : "No model is loaded, and nothing in this collection matches the question.",
    createdAt: new Date().toISOString(),
    status: "complete",
    sources,
  };
}

/**
 * Runs one turn: shows `pending` at once, streams deltas into it, then re-reads the conversation.
 * A stop is not an error (the partial answer stays); any other error is rethrown after the
 * conversation has been re-read so what the engine saved is shown.
 */
async function runTurn(pending: Message[], keep: Message[], call: (requestId: string) => Promise<string | null>): Promise<void> {
  if (useChatStore.getState().turn) throw new ApiError("BUSY", "An answer is still being written; stop it first.");
  const requestId = pending.at(-1)!.id.slice(LIVE_PREFIX.length);
  const conversationId = useChatStore.getState().active?.id ?? null;
  useChatStore.setState({ messages: [...keep, ...pending], turn: { requestId, conversationId } });
  const deltas = deltaBuffer(requestId);
  const off = api().on("chat.delta", deltas.push);
  let failure: unknown = null;
  try {
    const settledId = await call(requestId);
    if (settledId) useChatStore.setState((s) => ({ turn: s.turn && { ...s.turn, conversationId: settledId } }));
  } catch (err) {
    failure = err;
  } finally {
    off();
    deltas.flush();
  }
  const finalId = useChatStore.getState().turn?.conversationId ?? null;
  useChatStore.setState({ turn: null });
  await settle(finalId, conversationId);
  if (failure && !isAborted(failure)) throw failure;
}

async function settle(conversationId: string | null, openedId: string | null): Promise<void> {
  // The user may have opened another conversation meanwhile: then leave their view alone.
  const current = useChatStore.getState().active?.id ?? null;
  const stillHere = current === openedId || current === conversationId;
  if (conversationId && stillHere) {
    try {
      await openConversation(conversationId);
    } catch {
      // The engine may be restarting: keep what is shown, minus the spinner.
      useChatStore.setState((s) => ({ messages: s.messages.map((m) => (m.status === "streaming" ? { ...m, status: "interrupted" } : m)) }));
    }
  } else if (stillHere && !conversationId) {
    // Nothing was recorded (e.g. no model loaded): drop the pending bubbles.
    useChatStore.setState((s) => ({ messages: s.messages.filter((m) => !isLive(m)) }));
  }
  await loadConversations().catch(() => {});
}

async function ensureConversation(requestId: string): Promise<string> {
  const active = useChatStore.getState().active;
  if (active) return active.id;
  // Asked before creating anything, so a message sent with no model leaves no empty conversation.
  // A chosen remote model answers without a local one.
  const status = answeringRemote() ? { loaded: true } : await api().invoke("inference.status", {});
  if (!status.loaded) throw new ApiError("NO_MODEL_LOADED", "No model is loaded. Choose one with Ctrl+K, or pick a document collection to search it.");
  const created = await api().invoke("conversations.create", {});
  useChatStore.setState((s) => ({ active: created, turn: s.turn?.requestId === requestId ? { ...s.turn, conversationId: created.id } : s.turn }));
  return created.id;
}

/** `{ model }` for a turn the chosen remote model answers; nothing for the loaded local model. */
function remoteTurn(): { model?: string } {
  const model = answeringRemote();
  return model ? { model } : {};
}

/** Sends a message (or a grounded question when a collection is chosen). */
export async function send(text: string): Promise<void> {
  const question = text.trim();
  if (!question) throw new ApiError("INVALID_INPUT", "Type a message first.");
  const requestId = newRequestId();
  const { collection, messages } = useChatStore.getState();
  const model = remoteTurn();
  await runTurn(pendingMessages(requestId, question), messages, async () => {
    if (collection) {
      const conversationId = useChatStore.getState().active?.id;
      const out = await api().invoke("rag.ask", { question, collection, ...(conversationId ? { conversationId } : {}), ...model }, { requestId });
      if (!out.message) {
        // Nothing was recorded: the question and the passages stay on screen as local messages.
        useChatStore.setState((s) => ({
          messages: [
            ...s.messages.filter((m) => !isLive(m)),
            ...s.messages.filter((m) => isLive(m) && m.role === "user").map((m) => ({ ...m, id: `local-${requestId}` })),
            passagesMessage(requestId, out.sources),
          ],
        }));
        return null;
      }
      return out.conversationId;
    }
    const conversationId = await ensureConversation(requestId);
    await api().invoke("chat.send", { conversationId, text: question, ...model }, { requestId });
    return conversationId;
  });
}

/**
 * Answers the last user message again; the earlier answer stays as another version. The engine
 * decides how (a conversation grounded in a collection is answered from it again).
 */
export async function regenerate(): Promise<void> {
  const { active, messages } = useChatStore.getState();
  if (!active) throw new ApiError("CONVERSATION_NOT_FOUND", "Open a conversation first.");
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  if (lastUser < 0) throw new ApiError("MESSAGE_NOT_FOUND", "There is no question to answer again.");
  const requestId = newRequestId();
  await runTurn(pendingMessages(requestId, null), messages.slice(0, lastUser + 1), async () => {
    await api().invoke("chat.regenerate", { conversationId: active.id, ...remoteTurn() }, { requestId });
    return active.id;
  });
}

/** Edits an earlier user message: a new version of it, answered; what followed stays on the old version. */
export async function editMessage(messageId: string, text: string): Promise<void> {
  const { active, messages } = useChatStore.getState();
  const next = text.trim();
  if (!active) throw new ApiError("CONVERSATION_NOT_FOUND", "Open a conversation first.");
  if (!next) throw new ApiError("INVALID_INPUT", "An edited message cannot be empty.");
  const index = messages.findIndex((m) => m.id === messageId);
  if (index < 0) throw new ApiError("MESSAGE_NOT_FOUND", "That message is no longer in this conversation.");
  const requestId = newRequestId();
  await runTurn(pendingMessages(requestId, next), messages.slice(0, index), async () => {
    await api().invoke("chat.edit", { conversationId: active.id, messageId, text: next, ...remoteTurn() }, { requestId });
    return active.id;
  });
}

/** Stops the answer being written; the engine keeps the partial answer. */
export function stop(): void {
  const turn = useChatStore.getState().turn;
  if (turn) api().cancel(turn.requestId);
}

/** Saves the open conversation's own system prompt, sampling, LoRA adapters (null: follow the
 *  model's) and context cap (null: none); the engine keeps them in its journal. */
export async function updateConversationSettings(patch: { systemPrompt?: string; sampling?: Sampling; lora?: ConversationAdapter[] | null; contextSize?: number | null }): Promise<void> {
  const active = useChatStore.getState().active;
  if (!active) throw new ApiError("CONVERSATION_NOT_FOUND", "Send a first message; settings belong to a conversation.");
  const updated = await api().invoke("conversations.update", { id: active.id, ...patch });
  useChatStore.setState((s) =>
    s.active?.id === updated.id
      ? { active: { ...s.active, systemPrompt: updated.systemPrompt, sampling: updated.sampling, lora: updated.lora ?? null, contextSize: updated.contextSize ?? null } }
      : {},
  );
}
