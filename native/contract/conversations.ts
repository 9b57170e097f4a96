// Conversations and chat turns. A conversation is stored as an append-only journal, so a `kill -9`
// mid-answer keeps everything already shown: the partial answer is kept and marked interrupted.
import { z } from "zod";
import { SpeculativeStats } from "./speculative.ts";
import { defineMethods } from "./define.ts";
import { Citation } from "./citations.ts";

export const Sampling = z.object({
  temperature: z.number().min(0).max(5).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().int().min(0).max(10_000).optional(),
  minP: z.number().min(0).max(1).optional(),
  repeatPenalty: z.number().min(0).max(5).optional(),
  seed: z.number().int().min(0).optional(),
  maxTokens: z.number().int().min(1).max(1 << 20).optional(),
});
export type Sampling = z.infer<typeof Sampling>;

export const StopReason = z.enum(["eos", "max-tokens", "aborted", "interrupted", "context-full", "error"]);
export type StopReason = z.infer<typeof StopReason>;

/** A LoRA adapter as an answer names it: its file name (without folders) and the scale it had. */
export const AnswerAdapter = z.object({ name: z.string(), scale: z.number() });
export type AnswerAdapter = z.infer<typeof AnswerAdapter>;

export const AnswerStats = z.object({
  promptTokens: z.number().int(),
  /** Tokens actually evaluated for the prompt: fewer than promptTokens when the KV cache was reused. */
  evaluatedPromptTokens: z.number().int(),
  outputTokens: z.number().int(),
  ttftMs: z.number(),
  totalMs: z.number(),
  tokensPerSecond: z.number(),
  threads: z.number().int(),
  modelId: z.string(),
  modelName: z.string(),
  quant: z.string().nullable(),
  /** Set when the model was loaded with speculative decoding. */
  speculative: SpeculativeStats.optional(),
  /** The LoRA adapters applied while this answer was written (absent in answers older than the
   *  field, and for remote models; an empty list: none). */
  adapters: z.array(AnswerAdapter).optional(),
});
export type AnswerStats = z.infer<typeof AnswerStats>;

export const Message = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  /** Thinking segments, kept apart from the answer text. */
  thinking: z.string().optional(),
  createdAt: z.string(),
  /** Assistant messages only. */
  status: z.enum(["complete", "streaming", "interrupted", "error"]).optional(),
  stopReason: StopReason.optional(),
  error: z.string().optional(),
  stats: AnswerStats.optional(),
  /** Grounded answers: the numbered sources the answer cites, each checked against its text. */
  citations: z.array(Citation).optional(),
  /** Grounded answers: every numbered source the model was given, cited or not, so a reader can
   *  open what the answer was based on (cited ones are also in `citations`, with their checks). */
  sources: z.array(Citation).optional(),
  /** Set when the message has other versions (answers regenerated, questions edited): the ids of
   *  all of them, oldest first, and which one this is (1-based). Shown as ‹ 2/3 ›; a version is
   *  chosen with conversations.selectVersion. */
  versions: z.object({ index: z.number().int().min(1), ids: z.array(z.string()).min(2) }).optional(),
});
export type Message = z.infer<typeof Message>;

export const ConversationSummary = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messageCount: z.number().int(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const CONTEXT_CAP_MIN = 256;
export const CONTEXT_CAP_MAX = 1 << 20;
const capRange = `Context size must be between ${CONTEXT_CAP_MIN.toLocaleString("en-US")} and ${CONTEXT_CAP_MAX.toLocaleString("en-US")} tokens.`;
/** A conversation's cap on the context its history may use (the loaded model's context is the
 *  other bound). Messages are for people: the settings panel shows them as they are. */
export const ContextCap = z
  .number({ error: capRange })
  .int({ error: "Context size must be a whole number of tokens." })
  .min(CONTEXT_CAP_MIN, { error: capRange })
  .max(CONTEXT_CAP_MAX, { error: capRange });

/** One LoRA adapter of a conversation's own list: a file, and the scale it is applied with. */
export const ConversationAdapter = z.object({
  path: z.string().min(1, { error: "An adapter needs a file path." }),
  scale: z.number({ error: "An adapter's scale must be a number between -10 and 10." }).min(-10, { error: "An adapter's scale must be between -10 and 10." }).max(10, { error: "An adapter's scale must be between -10 and 10." }),
});
export type ConversationAdapter = z.infer<typeof ConversationAdapter>;
export const ConversationAdapters = z.array(ConversationAdapter).max(8, { error: "A conversation can use at most 8 adapters." });

export const Conversation = ConversationSummary.extend({
  systemPrompt: z.string(),
  sampling: Sampling,
  /** The messages shown: the selected version of each. */
  messages: z.array(Message),
  /** The document collection this conversation's questions are grounded in (chat.send, regenerate
   *  and edit answer from it with citations); null or absent: plain chat. */
  collection: z.string().nullable().optional(),
  /** The conversation's own LoRA adapters, applied to the loaded model (hot-swapped, under the model
   *  lock, only when they differ) before each of its answers; an empty list: no adapters. Null or
   *  absent: the conversation has no list of its own and is answered with whatever adapters the
   *  loaded model has (set in Models, or by `--lora` on the CLI), as every conversation was before
   *  the list existed. */
  lora: ConversationAdapters.nullable().optional(),
  /** A cap on the context this conversation's answers may use, in tokens: its history is trimmed
   *  (earliest turns first, the system prompt kept) to fit min(cap, loaded context). Null or
   *  absent: the loaded model's whole context. */
  contextSize: ContextCap.nullable().optional(),
});
export type Conversation = z.infer<typeof Conversation>;

const ConversationId = z.string().min(1);

const TurnOptions = z.object({
  conversationId: ConversationId,
  sampling: Sampling.optional(),
  /** A remote model (settings.remoteModels id) answers this turn instead of the loaded one. */
  model: z.string().min(1).optional(),
});

export const TurnResult = z.object({
  conversationId: z.string(),
  userMessage: Message.nullable(),
  assistantMessage: Message,
});
export type TurnResult = z.infer<typeof TurnResult>;

/** What a conversation is created with, and may change later (every field optional). */
const ConversationSettingsInput = z.object({
  title: z.string().max(200).optional(),
  systemPrompt: z.string().max(100_000).optional(),
  sampling: Sampling.optional(),
  collection: z.string().min(1).max(100).nullable().optional(),
  lora: ConversationAdapters.nullable().optional(),
  contextSize: ContextCap.nullable().optional(),
});

export const conversationMethods = defineMethods({
  "conversations.create": {
    summary: "Start a conversation with an optional title, system prompt and default sampling.",
    input: ConversationSettingsInput,
    output: Conversation,
  },
  "conversations.list": {
    summary: "Conversations, newest first; `query` filters by title and text.",
    input: z.object({ query: z.string().optional() }),
    output: z.object({ conversations: z.array(ConversationSummary) }),
  },
  "conversations.get": {
    summary: "One conversation with its messages.",
    input: z.object({ id: ConversationId }),
    output: Conversation,
  },
  "conversations.update": {
    summary: "Rename, or change the system prompt, default sampling, grounding collection (null: none), LoRA adapters (null: follow the loaded model's) or context cap (null: the loaded model's context).",
    input: ConversationSettingsInput.extend({ id: ConversationId }),
    output: Conversation,
  },
  "conversations.selectVersion": {
    summary: "Show another version of a message (‹ 2/3 ›): the conversation then follows that version's branch.",
    input: z.object({ id: ConversationId, messageId: z.string().min(1) }),
    output: Conversation,
  },
  "conversations.delete": {
    summary: "Delete a conversation and its journal.",
    input: z.object({ id: ConversationId }),
    output: z.object({ deleted: z.boolean() }),
  },
  "conversations.export": {
    summary: "One, some or all conversations as Markdown or JSON, with the citations of grounded answers.",
    input: z.object({ ids: z.array(ConversationId).max(100_000).optional(), format: z.enum(["markdown", "json"]) }),
    output: z.object({ format: z.enum(["markdown", "json"]), fileName: z.string(), content: z.string(), count: z.number().int() }),
  },
  "conversations.import": {
    summary: "Create new conversations from a JSON export (one conversation's or all of them); nothing is overwritten.",
    input: z.object({ json: z.string().min(1).max(50_000_000) }),
    output: z.object({ conversations: z.array(Conversation) }),
  },
  "chat.send": {
    summary: "Add a user message and stream the answer (chat.delta events); cancel keeps the partial answer.",
    input: TurnOptions.extend({ text: z.string().min(1).max(1_000_000) }),
    output: TurnResult,
  },
  "chat.regenerate": {
    summary: "Answer the last user message again; the earlier answer stays as another version. Grounded conversations are answered from their collection again.",
    input: TurnOptions,
    output: TurnResult,
  },
  "chat.edit": {
    summary: "Edit an earlier user message: a new version of it starts a branch (what followed the old one is kept there), and is answered.",
    input: TurnOptions.extend({ messageId: z.string().min(1), text: z.string().min(1).max(1_000_000) }),
    output: TurnResult,
  },
});
