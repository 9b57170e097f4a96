// The on-disk format of a conversation: one append-only journal per conversation,
// `<dataDir>/conversations/<id>.jsonl`, UTF-8, one JSON value per line, each line ended by "\n".
//
// Line 1 is the header: {"format":"enclave.conversation","version":2,"id":…,"createdAt":…}.
// Every later line is one record, told apart by `t`:
//
//   conversation  {t, at, title, systemPrompt, sampling, collection?, lora?, contextSize?}   the full
//                 settings. Always the first record (written at creation, and again by compaction,
//                 where `at` is the last change).
//   updated       {t, at, title?, systemPrompt?, sampling?, collection?, lora?, contextSize?}  a rename
//                 or a settings change (null: back to none / the default).
//   user          {t, at, id, text, parent?}                a user message.
//   assistant     {t, at, id, parent?}                      an answer starts (status "streaming").
//   delta         {t, id, kind: "text"|"thinking", text}    a piece of an answer, in the order shown.
//   finish        {t, at, id, status, stopReason, stats?, error?, citations?, sources?}  an answer ends.
//   truncate      {t, at, id}                               message `id` and everything below it go
//                                                           (version 1 only; version 2 keeps versions).
//   message       {t, message, parent?}                     a whole message (snapshots only).
//   select        {t, at, id}                               show version `id` among its siblings.
//
// Messages form a tree (message-tree.ts): `parent` is the message a new one follows (null: the
// first). Without `parent` (every version-1 record) a message follows the last message shown, which
// is exactly version 1's linear list. A new message is the version shown among its siblings.
//
// `updatedAt` is the `at` of the last record that has one (deltas carry none, to stay small).
// A snapshot (written by compaction) is: header, a `conversation` record, one `message` record per
// message. An answer still streaming when a snapshot is taken is written with status "streaming" and
// its later deltas follow as usual.
//
// Version history: 1 — a linear list (regenerate and edit truncated). 2 — `parent`, `select`,
// `collection`: versions and branches; later, still version 2, the optional `lora` (the
// conversation's own adapters) and `contextSize` (its context cap) of the settings records and
// `stats.adapters` of answers: all optional, so journals without them open as before (no list of
// its own, no cap), and an older version-2 reader ignores them instead of refusing the file. Version 1 files are read as they are; the first change to
// one rewrites it as a version 2 snapshot (atomically), so an older Enclave never meets a version 2
// record under a version 1 header. A reader meeting a higher version refuses the file and leaves it alone.
import { z } from "zod";
import { AnswerStats, ContextCap, ConversationAdapters, Message, Sampling, StopReason, type ConversationAdapter } from "../contract/conversations.ts";
import { Citation } from "../contract/citations.ts";
import { selectionsToRestore, type MessageTree } from "./message-tree.ts";

export const JOURNAL_FORMAT = "enclave.conversation";
export const JOURNAL_VERSION = 2;
export const JOURNAL_EXTENSION = ".jsonl";

/** Read loosely first, so that an unknown version is told apart from a damaged header. */
export const HeaderProbe = z.object({ format: z.string(), version: z.number() });

export const JournalHeader = z.object({
  format: z.literal(JOURNAL_FORMAT),
  version: z.number().int().min(1).max(JOURNAL_VERSION),
  id: z.string().min(1),
  createdAt: z.string(),
});
export type JournalHeader = z.infer<typeof JournalHeader>;

const Timestamp = z.string().min(1);

export const ConversationRecord = z.object({
  t: z.literal("conversation"),
  at: Timestamp,
  title: z.string(),
  systemPrompt: z.string(),
  sampling: Sampling,
  /** The collection the conversation's questions are grounded in; null or absent: none. */
  collection: z.string().nullable().optional(),
  /** The conversation's own LoRA adapters; null or absent: none of its own (the loaded model's apply). */
  lora: ConversationAdapters.nullable().optional(),
  /** The cap on the context the conversation may use; null or absent: the loaded model's. */
  contextSize: ContextCap.nullable().optional(),
});
export const UpdatedRecord = z.object({
  t: z.literal("updated"),
  at: Timestamp,
  title: z.string().optional(),
  systemPrompt: z.string().optional(),
  sampling: Sampling.optional(),
  collection: z.string().nullable().optional(),
  lora: ConversationAdapters.nullable().optional(),
  contextSize: ContextCap.nullable().optional(),
});
/** The message a new one follows; absent (version 1): the last message shown. */
const Parent = z.string().min(1).nullable().optional();
export const UserRecord = z.object({ t: z.literal("user"), at: Timestamp, id: z.string().min(1), text: z.string(), parent: Parent });
export const AssistantRecord = z.object({ t: z.literal("assistant"), at: Timestamp, id: z.string().min(1), parent: Parent });
export const DeltaKind = z.enum(["text", "thinking"]);
export type DeltaKind = z.infer<typeof DeltaKind>;
export const DeltaRecord = z.object({ t: z.literal("delta"), id: z.string().min(1), kind: DeltaKind, text: z.string() });
/** How an answer ended. "streaming" is not an ending. */
export const FinishStatus = z.enum(["complete", "interrupted", "error"]);
export type FinishStatus = z.infer<typeof FinishStatus>;
export const FinishRecord = z.object({
  t: z.literal("finish"),
  at: Timestamp,
  id: z.string().min(1),
  status: FinishStatus,
  stopReason: StopReason,
  stats: AnswerStats.optional(),
  error: z.string().optional(),
  citations: z.array(Citation).optional(),
  sources: z.array(Citation).optional(),
});
export const TruncateRecord = z.object({ t: z.literal("truncate"), at: Timestamp, id: z.string().min(1) });
export const MessageRecord = z.object({ t: z.literal("message"), message: Message, parent: Parent });
export const SelectRecord = z.object({ t: z.literal("select"), at: Timestamp, id: z.string().min(1) });

export const JournalRecord = z.discriminatedUnion("t", [
  ConversationRecord,
  UpdatedRecord,
  UserRecord,
  AssistantRecord,
  DeltaRecord,
  FinishRecord,
  TruncateRecord,
  MessageRecord,
  SelectRecord,
]);
export type JournalRecord = z.infer<typeof JournalRecord>;

/** Everything a snapshot needs; a `Conversation` from the contract fits. */
export interface ConversationState {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  systemPrompt: string;
  sampling: Sampling;
  /** The grounding collection; null: none. */
  collection: string | null;
  /** The conversation's own adapters; null: none of its own. */
  lora: ConversationAdapter[] | null;
  /** Its context cap in tokens; null: none. */
  contextSize: number | null;
  /** The messages shown: the tree's active path (the same objects). */
  messages: Message[];
  /** Every message, every version. */
  tree: MessageTree;
}

export function headerFor(id: string, createdAt: string): JournalHeader {
  return { format: JOURNAL_FORMAT, version: JOURNAL_VERSION, id, createdAt };
}

/** Lines to write, each ended by "\n". */
export function encodeLines(values: readonly unknown[]): string {
  let out = "";
  for (const value of values) out += JSON.stringify(value) + "\n";
  return out;
}

/** The whole journal of a compacted conversation: header, settings, one record per message of
 *  every version (in the order they were added), then which version of each is shown. */
export function snapshotLines(state: ConversationState): unknown[] {
  const settings: JournalRecord = {
    t: "conversation",
    at: state.updatedAt,
    title: state.title,
    systemPrompt: state.systemPrompt,
    sampling: state.sampling,
    ...(state.collection !== null && { collection: state.collection }),
    ...(state.lora !== null && { lora: state.lora }),
    ...(state.contextSize !== null && { contextSize: state.contextSize }),
  };
  const { tree } = state;
  return [
    headerFor(state.id, state.createdAt),
    settings,
    ...[...tree.nodes.values()].map((message): JournalRecord => ({ t: "message", message, parent: tree.parentOf.get(message.id) ?? null })),
    ...selectionsToRestore(tree).map((id): JournalRecord => ({ t: "select", at: state.updatedAt, id })),
  ];
}
