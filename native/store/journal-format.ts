// The on-disk format of a conversation: one append-only journal per conversation,
// `<dataDir>/conversations/<id>.jsonl`, UTF-8, one JSON value per line, each line ended by "\n".
//
// Line 1 is the header: {"format":"enclave.conversation","version":1,"id":…,"createdAt":…}.
// Every later line is one record, told apart by `t`:
//
//   conversation  {t, at, title, systemPrompt, sampling}   the full settings. Always the first record
//                 (written at creation, and again by compaction, where `at` is the last change).
//   updated       {t, at, title?, systemPrompt?, sampling?} a rename or a settings change.
//   user          {t, at, id, text}                         a user message.
//   assistant     {t, at, id}                               an answer starts (status "streaming").
//   delta         {t, id, kind: "text"|"thinking", text}    a piece of an answer, in the order shown.
//   finish        {t, at, id, status, stopReason, stats?, error?, citations?, sources?}  an answer ends.
//   truncate      {t, at, id}                               message `id` and every later message go.
//   message       {t, message}                              a whole message (snapshots only).
//
// `updatedAt` is the `at` of the last record that has one (deltas carry none, to stay small).
// A snapshot (written by compaction) is: header, a `conversation` record, one `message` record per
// message. An answer still streaming when a snapshot is taken is written with status "streaming" and
// its later deltas follow as usual.
//
// Version history: 1 — this layout. A reader meeting a higher version refuses the file and leaves it
// alone; a later version adds a migration from 1 here.
import { z } from "zod";
import { AnswerStats, Message, Sampling, StopReason } from "../contract/conversations.ts";
import { Citation } from "../contract/citations.ts";

export const JOURNAL_FORMAT = "enclave.conversation";
export const JOURNAL_VERSION = 1;
export const JOURNAL_EXTENSION = ".jsonl";

/** Read loosely first, so that an unknown version is told apart from a damaged header. */
export const HeaderProbe = z.object({ format: z.string(), version: z.number() });

export const JournalHeader = z.object({
  format: z.literal(JOURNAL_FORMAT),
  version: z.literal(JOURNAL_VERSION),
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
});
export const UpdatedRecord = z.object({
  t: z.literal("updated"),
  at: Timestamp,
  title: z.string().optional(),
  systemPrompt: z.string().optional(),
  sampling: Sampling.optional(),
});
export const UserRecord = z.object({ t: z.literal("user"), at: Timestamp, id: z.string().min(1), text: z.string() });
export const AssistantRecord = z.object({ t: z.literal("assistant"), at: Timestamp, id: z.string().min(1) });
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
export const MessageRecord = z.object({ t: z.literal("message"), message: Message });

export const JournalRecord = z.discriminatedUnion("t", [
  ConversationRecord,
  UpdatedRecord,
  UserRecord,
  AssistantRecord,
  DeltaRecord,
  FinishRecord,
  TruncateRecord,
  MessageRecord,
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
  messages: Message[];
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

/** The whole journal of a compacted conversation: header, settings, one record per message. */
export function snapshotLines(state: ConversationState): unknown[] {
  const settings: JournalRecord = {
    t: "conversation",
    at: state.updatedAt,
    title: state.title,
    systemPrompt: state.systemPrompt,
    sampling: state.sampling,
  };
  return [
    headerFor(state.id, state.createdAt),
    settings,
    ...state.messages.map((message): JournalRecord => ({ t: "message", message })),
  ];
}
