// The conversations held in memory, each with its journal: read lazily (a replay never changes the
// file), opened for writing by the first change (which first repairs what a crash left: a torn tail
// cut, answers left streaming written down as interrupted, an older format rewritten as a current
// snapshot), kept least recently used first up to a limit (each writable one holds an fd), and
// compacted into a snapshot when a journal grows long. One process owns a data folder at a time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EngineError } from "../contract/errors.ts";
import { JournalFile } from "./journal-file.ts";
import { JOURNAL_EXTENSION, JOURNAL_VERSION, snapshotLines, type ConversationState, type JournalRecord } from "./journal-format.ts";
import { applyRecord, replayJournal, type ReplayResult } from "./journal-replay.ts";

/** Conversation ids name files: nothing that could leave the folder. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export interface CachedConversation {
  state: ConversationState;
  /** Null while loaded only for reading; opened (and repaired) by the first change. */
  journal: JournalFile | null;
  /** What the replay found that the first change must repair first. */
  replay: Pick<ReplayResult, "validBytes" | "missingNewline" | "lines" | "interrupted" | "version"> | null;
  /** Journal lines at the last snapshot; compaction is due `compactAfter` lines later. */
  compactBase: number;
}

export interface JournalCacheOptions {
  maxLoaded: number;
  compactAfter: number;
  warn: (message: string) => void;
  /** Told after each committed change (the store's search index follows it). */
  onCommitted: (state: ConversationState) => void;
}

export class JournalCache {
  /** Loaded conversations, least recently used first. */
  readonly #loaded = new Map<string, CachedConversation>();

  constructor(
    readonly dir: string,
    private readonly options: JournalCacheOptions,
  ) {}

  pathOf(id: string): string {
    return join(this.dir, id + JOURNAL_EXTENSION);
  }

  notFound(id: string): EngineError {
    return new EngineError("CONVERSATION_NOT_FOUND", `No conversation ${id}.`);
  }

  /** The state of a conversation already in memory, if it is. */
  peek(id: string): ConversationState | undefined {
    return this.#loaded.get(id)?.state;
  }

  /** Reads and replays a journal; never changes the file. */
  read(id: string): ReplayResult {
    if (!SAFE_ID.test(id)) throw this.notFound(id);
    const path = this.pathOf(id);
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw this.notFound(id);
      throw err;
    }
    const replay = replayJournal(data, { path, id });
    for (const warning of replay.warnings) this.options.warn(warning);
    return replay;
  }

  readQuietly(id: string): ConversationState | null {
    try {
      return this.read(id).state;
    } catch (err) {
      this.options.warn(`conversation ${id} skipped: ${(err as Error).message}`);
      return null;
    }
  }

  load(id: string): CachedConversation {
    const found = this.#loaded.get(id);
    if (found) {
      this.#loaded.delete(id);
      this.#loaded.set(id, found);
      return found;
    }
    const replay = this.read(id);
    const entry: CachedConversation = { state: replay.state, journal: null, replay, compactBase: replay.state.tree.nodes.size + 2 };
    this.remember(id, entry);
    return entry;
  }

  /**
   * Loads a conversation for a change: opens its journal, cuts a torn tail and writes down the
   * answers a crash interrupted, so that the caller's record lands after whole lines.
   */
  writable(id: string): CachedConversation {
    const entry = this.load(id);
    if (entry.journal) return entry;
    const replay = entry.replay!;
    entry.journal = JournalFile.openForAppend(this.pathOf(id), replay);
    entry.replay = null;
    const repairs: JournalRecord[] = replay.interrupted
      .filter((messageId) => entry.state.messages.some((m) => m.id === messageId))
      .map((messageId) => ({ t: "finish", at: entry.state.updatedAt, id: messageId, status: "interrupted", stopReason: "interrupted" }));
    if (repairs.length > 0) this.commit(id, entry, repairs);
    if (replay.version < JOURNAL_VERSION) {
      // An older format gets no newer records under its header: it becomes a current snapshot first
      // (atomic: a crash leaves the old file or the new one, both readable).
      entry.journal.rewrite(snapshotLines(entry.state));
      entry.compactBase = entry.journal.lines;
    }
    return entry;
  }

  commit(id: string, entry: CachedConversation, records: JournalRecord[]): void {
    try {
      entry.journal!.append(records);
    } catch (err) {
      // The journal is as it was (or will be replayed from disk): so must the memory be.
      this.forget(id);
      throw err;
    }
    for (const record of records) {
      const warning = applyRecord(entry.state, record);
      if (warning) this.options.warn(`conversation ${id}: ${warning}`);
    }
    this.options.onCommitted(entry.state);
    this.#maybeCompact(id, entry);
  }

  remember(id: string, entry: CachedConversation): void {
    this.#loaded.set(id, entry);
    if (this.#loaded.size <= this.options.maxLoaded) return;
    for (const [oldId, old] of this.#loaded) {
      if (this.#loaded.size <= this.options.maxLoaded) break;
      if (oldId === id) continue;
      // An answer being written keeps its conversation (and fd) until it finishes.
      if ([...old.state.tree.nodes.values()].some((m) => m.status === "streaming")) continue;
      this.forget(oldId);
    }
  }

  forget(id: string): void {
    const entry = this.#loaded.get(id);
    if (!entry) return;
    this.#loaded.delete(id);
    entry.journal?.close();
  }

  /** Forgets every conversation, closing their journals. */
  clear(): void {
    for (const id of [...this.#loaded.keys()]) this.forget(id);
  }

  /** Journals open for writing (each holds an fd). */
  get openJournals(): number {
    let n = 0;
    for (const entry of this.#loaded.values()) if (entry.journal?.isOpen) n++;
    return n;
  }

  #maybeCompact(id: string, entry: CachedConversation): void {
    const journal = entry.journal!;
    if (journal.lines - Math.max(entry.compactBase, entry.state.tree.nodes.size + 2) <= this.options.compactAfter) return;
    try {
      journal.rewrite(snapshotLines(entry.state));
    } catch (err) {
      this.options.warn(`conversation ${id}: compaction failed, will retry later: ${(err as Error).message}`);
      if (!journal.isOpen) this.forget(id);
    }
    entry.compactBase = journal.lines;
  }
}
