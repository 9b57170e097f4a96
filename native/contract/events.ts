// Events the engine pushes to its clients. Stream events carry the id of the request they belong to,
// and chat streams send deltas only — never the whole message again.
import { z } from "zod";

export const ProgressTask = z.enum(["load", "download", "scan", "hash", "threads", "ingest", "embed", "search", "quantlab", "eval"]);
export type ProgressTask = z.infer<typeof ProgressTask>;

export const ProgressEvent = z.object({
  requestId: z.string(),
  task: ProgressTask,
  /** 0..1, or null when the total is not known yet. */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string().optional(),
  current: z.number().optional(),
  total: z.number().optional(),
  etaMs: z.number().optional(),
  /** For per-file progress (ingestion): which file, and how far that file is. */
  file: z
    .object({
      path: z.string(),
      phase: z.enum(["queued", "hashing", "parsing", "ocr", "chunking", "embedding", "writing", "done", "failed", "skipped"]),
      fraction: z.number().min(0).max(1).nullable(),
      pagesDone: z.number().int().optional(),
      pagesTotal: z.number().int().optional(),
      ocrPages: z.number().int().optional(),
      chunksEmbedded: z.number().int().optional(),
      chunksTotal: z.number().int().optional(),
    })
    .optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;

export const ChatDeltaEvent = z.object({
  requestId: z.string(),
  conversationId: z.string(),
  messageId: z.string(),
  /** Thinking segments stream apart from the answer. */
  kind: z.enum(["text", "thinking"]),
  text: z.string(),
});
export type ChatDeltaEvent = z.infer<typeof ChatDeltaEvent>;

/** A stateless completion's text as it is generated (completions.chat / completions.text). */
export const CompletionDeltaEvent = z.object({
  requestId: z.string(),
  text: z.string(),
});
export type CompletionDeltaEvent = z.infer<typeof CompletionDeltaEvent>;

export const EngineNoticeEvent = z.object({
  level: z.enum(["info", "warning", "error"]),
  code: z.string().optional(),
  message: z.string(),
});
export type EngineNoticeEvent = z.infer<typeof EngineNoticeEvent>;

export const events = {
  progress: ProgressEvent,
  "chat.delta": ChatDeltaEvent,
  "engine.notice": EngineNoticeEvent,
  "completion.delta": CompletionDeltaEvent,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
