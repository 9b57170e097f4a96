// The conversation store: one append-only journal per conversation (format in journal-format.ts).
//
// Every change is written to the journal with writeSync before the method returns, so a caller
// that shows a delta only after `appendDelta` returned never shows anything that a `kill -9` could
// lose; a power loss may still lose the last moments (no fsync per delta). After a crash, an answer
// left streaming is reported as interrupted, and written down as such on the next change.
//
// All methods are synchronous: records of one conversation can never interleave, and nothing waits
// between "written" and "shown". One process owns a data folder at a time. Which conversations are
// held in memory, and the repair of what a crash left, is the journal cache's (journal-cache.ts).
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { EngineError, formatZodError } from "../contract/errors.ts";
import { Citation } from "../contract/citations.ts";
import {
  AnswerStats,
  conversationMethods,
  StopReason,
  type Conversation,
  type ConversationSummary,
  type Message,
} from "../contract/conversations.ts";
import { ConversationIndex, searchTextOf } from "./conversation-index.ts";
import { JournalFile, TMP_SUFFIX } from "./journal-file.ts";
import { DeltaKind, FinishStatus, headerFor, JOURNAL_EXTENSION, type ConversationState, type JournalRecord } from "./journal-format.ts";
import { emptyTree, versionsOf } from "./message-tree.ts";
import { JournalCache, SAFE_ID, type CachedConversation } from "./journal-cache.ts";
import { DEFAULT_TITLE, titleFromText } from "./conversation-title.ts";

export { DEFAULT_TITLE, titleFromText };

export interface ConversationStoreOptions {
  /** Conversations kept in memory (each writable one holds an fd). Default 16. */
  maxLoaded?: number;
  /** Rewrite a journal as a snapshot once it has this many lines more than a snapshot would. Default 2,000. */
  compactAfter?: number;
  /** The clock, for tests. */
  now?: () => Date;
  /** Told about journals that cannot be listed and records that were skipped. */
  onWarning?: (message: string) => void;
}

export interface FinishOptions {
  status: FinishStatus;
  stopReason: StopReason;
  stats?: AnswerStats;
  error?: string;
  citations?: Citation[];
  sources?: Citation[];
}

const CreateInput = conversationMethods["conversations.create"].input;
export type CreateInput = z.input<typeof CreateInput>;
const UpdatePatch = conversationMethods["conversations.update"].input.omit({ id: true });
export type UpdatePatch = z.input<typeof UpdatePatch>;
const UserText = z.string().min(1);
const Finish = z.object({
  status: FinishStatus,
  stopReason: StopReason,
  stats: AnswerStats.optional(),
  error: z.string().optional(),
  citations: z.array(Citation).optional(),
  sources: z.array(Citation).optional(),
});

function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new EngineError("INVALID_INPUT", formatZodError(result.error));
  return result.data;
}

function toConversation(state: ConversationState): Conversation {
  const messages = structuredClone(state.messages);
  for (const message of messages) {
    const { index, ids } = versionsOf(state.tree, message.id);
    if (ids.length > 1) message.versions = { index, ids };
  }
  return {
    id: state.id,
    title: state.title,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    messageCount: state.messages.length,
    systemPrompt: state.systemPrompt,
    sampling: structuredClone(state.sampling),
    messages,
    collection: state.collection,
    lora: structuredClone(state.lora),
    contextSize: state.contextSize,
  };
}

/** Where a new message goes: after `parent` (null: first), or (undefined) after the last one shown. */
export interface Placement {
  parent?: string | null;
}

export class ConversationStore {
  private readonly cache: JournalCache;
  private index: ConversationIndex | null = null;
  private closed = false;
  private readonly now: () => Date;

  private constructor(
    /** The folder holding the journals: `<dataDir>/conversations`. */
    readonly dir: string,
    options: ConversationStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.cache = new JournalCache(dir, {
      maxLoaded: Math.max(1, options.maxLoaded ?? 16),
      compactAfter: Math.max(1, options.compactAfter ?? 2_000),
      warn: options.onWarning ?? (() => {}),
      onCommitted: (state) => this.index?.put(state),
    });
  }

  /** Opens the store kept in `<dataDir>/conversations`, creating the folder if needed. */
  static open(dataDir: string, options: ConversationStoreOptions = {}): ConversationStore {
    const dir = join(dataDir, "conversations");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Temporary files of a compaction that a crash interrupted; the journal itself is whole.
    for (const name of readdirSync(dir)) {
      if (name.endsWith(TMP_SUFFIX) && name.includes(JOURNAL_EXTENSION + ".")) rmSync(join(dir, name), { force: true });
    }
    return new ConversationStore(dir, options);
  }

  create(input: CreateInput = {}): Conversation {
    const { title, systemPrompt, sampling, collection, lora, contextSize } = parseInput(CreateInput, input);
    this.assertOpen();
    const id = randomUUID();
    const at = this.timestamp();
    const settings: JournalRecord = {
      t: "conversation",
      at,
      title: title?.trim() || DEFAULT_TITLE,
      systemPrompt: systemPrompt ?? "",
      sampling: sampling ?? {},
      ...(collection ? { collection } : {}),
      ...(lora ? { lora } : {}),
      ...(contextSize ? { contextSize } : {}),
    };
    const journal = JournalFile.create(this.cache.pathOf(id), [headerFor(id, at), settings]);
    const state: ConversationState = {
      id,
      title: settings.title,
      createdAt: at,
      updatedAt: at,
      systemPrompt: settings.systemPrompt,
      sampling: settings.sampling,
      collection: collection ?? null,
      lora: lora ?? null,
      contextSize: contextSize ?? null,
      messages: [],
      tree: emptyTree(),
    };
    this.cache.remember(id, { state, journal, replay: null, compactBase: journal.lines });
    this.index?.put(state);
    return toConversation(state);
  }

  /** Summaries, newest first; `query` keeps those whose title or message text contains it. */
  list(query?: string): ConversationSummary[] {
    this.assertOpen();
    return this.loadIndex().list(query, (id) => {
      const state = this.cache.peek(id) ?? this.cache.readQuietly(id);
      return state ? searchTextOf(state) : null;
    });
  }

  get(id: string): Conversation {
    return toConversation(this.load(id).state);
  }

  update(id: string, patch: UpdatePatch): Conversation {
    const { title, systemPrompt, sampling, collection, lora, contextSize } = parseInput(UpdatePatch, patch);
    const entry = this.writable(id);
    const record: JournalRecord = { t: "updated", at: this.timestamp() };
    if (title !== undefined) record.title = title.trim() || DEFAULT_TITLE;
    if (systemPrompt !== undefined) record.systemPrompt = systemPrompt;
    if (sampling !== undefined) record.sampling = sampling;
    if (collection !== undefined && collection !== entry.state.collection) record.collection = collection;
    if (lora !== undefined && JSON.stringify(lora) !== JSON.stringify(entry.state.lora)) record.lora = lora;
    if (contextSize !== undefined && contextSize !== entry.state.contextSize) record.contextSize = contextSize;
    if (Object.keys(record).length > 2) this.commit(id, entry, [record]);
    return toConversation(entry.state);
  }

  /** Deletes the conversation and its journal. False if there was none. */
  delete(id: string): boolean {
    this.assertOpen();
    if (!SAFE_ID.test(id)) return false;
    this.cache.forget(id);
    this.index?.delete(id);
    try {
      rmSync(this.cache.pathOf(id));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw err;
    }
  }

  /**
   * Adds a user message, after the last message shown or (edit) as a new version of an earlier
   * one: `parent` is then that message's parent. The first one names a conversation still called "New chat".
   */
  appendUserMessage(id: string, text: string, placement: Placement = {}): Message {
    parseInput(UserText, text);
    const entry = this.writable(id);
    const parent = this.parentFor(entry, placement);
    const at = this.timestamp();
    const messageId = randomUUID();
    const records: JournalRecord[] = [];
    const { state } = entry;
    if (state.title === DEFAULT_TITLE && !state.messages.some((m) => m.role === "user")) {
      const title = titleFromText(text);
      if (title) records.push({ t: "updated", at, title });
    }
    records.push({ t: "user", at, id: messageId, text, parent });
    this.commit(id, entry, records);
    return this.messageOf(entry, messageId);
  }

  /**
   * Starts an answer (status "streaming") after the last message shown or after `parent` (the
   * question it answers: a regenerated answer is a new version beside the earlier ones). Its text
   * arrives through `appendDelta`.
   */
  startAssistant(id: string, placement: Placement = {}): Message {
    const entry = this.writable(id);
    const parent = this.parentFor(entry, placement);
    const messageId = randomUUID();
    this.commit(id, entry, [{ t: "assistant", at: this.timestamp(), id: messageId, parent }]);
    return this.messageOf(entry, messageId);
  }

  /** Shows version `messageId` of its message; the conversation then follows that version's branch. */
  selectVersion(id: string, messageId: string): Conversation {
    const entry = this.writable(id);
    this.findMessage(entry, messageId);
    if (!entry.state.messages.some((m) => m.id === messageId)) this.commit(id, entry, [{ t: "select", at: this.timestamp(), id: messageId }]);
    return toConversation(entry.state);
  }

  /** The parent of message `messageId` (null: it is a first message). */
  parentOf(id: string, messageId: string): string | null {
    const entry = this.load(id);
    this.findMessage(entry, messageId);
    return entry.state.tree.parentOf.get(messageId) ?? null;
  }

  /** Appends a piece of a streaming answer. It is on disk when this returns: show it after. */
  appendDelta(id: string, messageId: string, kind: DeltaKind, text: string): void {
    parseInput(DeltaKind, kind);
    if (typeof text !== "string") throw new EngineError("INVALID_INPUT", "delta text must be a string");
    const entry = this.writable(id);
    this.requireStreaming(entry, messageId);
    if (text === "") return;
    this.commit(id, entry, [{ t: "delta", id: messageId, kind, text }]);
  }

  /** Ends a streaming answer. */
  finishAssistant(id: string, messageId: string, options: FinishOptions): Message {
    const finish = parseInput(Finish, options);
    const entry = this.writable(id);
    this.requireStreaming(entry, messageId);
    const record: JournalRecord = { t: "finish", at: this.timestamp(), id: messageId, status: finish.status, stopReason: finish.stopReason };
    if (finish.stats !== undefined) record.stats = finish.stats;
    if (finish.error !== undefined) record.error = finish.error;
    if (finish.citations !== undefined) record.citations = finish.citations;
    if (finish.sources !== undefined) record.sources = finish.sources;
    this.commit(id, entry, [record]);
    return this.messageOf(entry, messageId);
  }

  /**
   * Removes `messageId` and every message after it (edit: from the user message being replaced;
   * regenerate: from the answer being replaced). Returns the conversation that is left.
   */
  truncateFrom(id: string, messageId: string): Conversation {
    const entry = this.writable(id);
    this.findMessage(entry, messageId);
    this.commit(id, entry, [{ t: "truncate", at: this.timestamp(), id: messageId }]);
    return toConversation(entry.state);
  }

  /** Closes every journal. The store cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.index = null;
  }

  /** Journals open for writing (each holds an fd); for tests and diagnostics. */
  get openJournals(): number {
    return this.cache.openJournals;
  }

  // ---- internals ----

  private assertOpen(): void {
    if (this.closed) throw new EngineError("INTERNAL", "The conversation store is closed.");
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  private load(id: string): CachedConversation {
    this.assertOpen();
    return this.cache.load(id);
  }

  private writable(id: string): CachedConversation {
    this.assertOpen();
    return this.cache.writable(id);
  }

  private commit(id: string, entry: CachedConversation, records: JournalRecord[]): void {
    this.cache.commit(id, entry, records);
  }

  private parentFor(entry: CachedConversation, placement: Placement): string | null {
    if (placement.parent === undefined) return entry.state.messages.at(-1)?.id ?? null;
    if (placement.parent !== null) this.findMessage(entry, placement.parent);
    return placement.parent;
  }

  /** The stored message itself (not a copy: deltas must not copy the answer each time). */
  private findMessage(entry: CachedConversation, messageId: string): Message {
    const found = entry.state.tree.nodes.get(messageId);
    if (found) return found;
    throw new EngineError("MESSAGE_NOT_FOUND", `No message ${messageId} in conversation ${entry.state.id}.`);
  }

  private messageOf(entry: CachedConversation, messageId: string): Message {
    return structuredClone(this.findMessage(entry, messageId));
  }

  private requireStreaming(entry: CachedConversation, messageId: string): void {
    const message = this.findMessage(entry, messageId);
    if (message.role !== "assistant" || message.status !== "streaming") {
      throw new EngineError("INVALID_INPUT", `Message ${messageId} is not an answer being written (status: ${message.status ?? message.role}).`);
    }
  }

  private loadIndex(): ConversationIndex {
    if (this.index) return this.index;
    const index = new ConversationIndex();
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(JOURNAL_EXTENSION)) continue;
      const id = name.slice(0, -JOURNAL_EXTENSION.length);
      const state = this.cache.peek(id) ?? this.cache.readQuietly(id);
      if (state) index.put(state, searchTextOf(state));
    }
    this.index = index;
    return index;
  }
}
