// Rebuilds a conversation from its journal (see journal-format.ts). Reading never changes the file:
// it reports what a writer must repair first (a torn tail to cut, answers to mark interrupted).
import { EngineError } from "../contract/errors.ts";
import type { Message } from "../contract/conversations.ts";
import { activePath, addMessage, emptyTree, removeFrom, selectMessage } from "./message-tree.ts";
import {
  HeaderProbe,
  JOURNAL_FORMAT,
  JOURNAL_VERSION,
  JournalHeader,
  JournalRecord,
  type ConversationState,
} from "./journal-format.ts";

export interface ReplayResult {
  state: ConversationState;
  /** Bytes at the start of the file that hold whole, valid lines. */
  validBytes: number;
  /** Bytes after `validBytes` that were ignored: a line torn by a crash mid-write. */
  tornBytes: number;
  /** The last kept line is whole but lacks its "\n"; a writer adds one before appending. */
  missingNewline: boolean;
  /** Lines kept, header included. */
  lines: number;
  /** Answers the journal left streaming: the writer died, so they are reported as interrupted. */
  interrupted: string[];
  /** Records that refer to messages that are not there; skipped. */
  warnings: string[];
  /** The format version in the header (a writer upgrades an older one before appending). */
  version: number;
}

export function unsupportedVersionError(path: string, version: number): EngineError {
  return new EngineError(
    "UNSUPPORTED_FORMAT",
    `Conversation ${path} was saved by a newer Enclave (format version ${version}); ` +
      `this version reads format version ${JOURNAL_VERSION}. The file was left as it is.`,
    { reason: "unsupported-journal-version", path, version, supported: JOURNAL_VERSION },
  );
}

export function damagedJournalError(path: string, line: number, why: string): EngineError {
  return new EngineError("INTERNAL", `Conversation ${path} is damaged at line ${line}: ${why}`, {
    reason: "damaged-journal",
    path,
    line,
  });
}

type Parsed =
  | { ok: true; start: number; end: number; newline: boolean; value: unknown }
  | { ok: false; start: number; why: string };

const NEWLINE = 0x0a;

function splitLines(data: Buffer): Parsed[] {
  const out: Parsed[] = [];
  let start = 0;
  while (start < data.length) {
    const nl = data.indexOf(NEWLINE, start);
    const end = nl === -1 ? data.length : nl;
    const text = data.toString("utf8", start, end);
    if (text.trim() !== "") {
      try {
        out.push({ ok: true, start, end, newline: nl !== -1, value: JSON.parse(text) });
      } catch (err) {
        out.push({ ok: false, start, why: (err as Error).message });
      }
    }
    start = nl === -1 ? data.length : nl + 1;
  }
  return out;
}

/** Deltas are most of a journal: checked by hand, the same rules as `DeltaRecord`, without zod's cost. */
function asDelta(value: unknown): JournalRecord | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.t !== "delta" || typeof v.id !== "string" || v.id === "" || typeof v.text !== "string") return null;
  if (v.kind !== "text" && v.kind !== "thinking") return null;
  return { t: "delta", id: v.id, kind: v.kind, text: v.text };
}

/**
 * Replays a journal. Invalid lines at the end (a write torn by a crash, or blocks lost with power)
 * are ignored; an invalid line followed by valid ones means the file is damaged, and that throws,
 * as do a foreign header and a newer format version.
 */
export function replayJournal(data: Buffer, source: { path: string; id: string }): ReplayResult {
  const { path } = source;
  const lines = splitLines(data);
  // Validate every line first, so that a bad tail can be told apart from damage in the middle.
  const records: { parsed: Extract<Parsed, { ok: true }>; record: JournalRecord | JournalHeader }[] = [];
  let firstBad: { index: number; start: number; why: string } | null = null;

  const first = lines[0];
  if (!first) throw damagedJournalError(path, 1, "the file is empty");
  if (!first.ok) throw damagedJournalError(path, 1, `the header is not JSON (${first.why})`);
  const probe = HeaderProbe.safeParse(first.value);
  if (!probe.success || probe.data.format !== JOURNAL_FORMAT) {
    throw damagedJournalError(path, 1, `not an ${JOURNAL_FORMAT} journal`);
  }
  if (probe.data.version > JOURNAL_VERSION) throw unsupportedVersionError(path, probe.data.version);
  const header = JournalHeader.safeParse(first.value);
  if (!header.success) throw damagedJournalError(path, 1, `bad header (${header.error.message})`);
  if (header.data.id !== source.id) throw damagedJournalError(path, 1, `the header names conversation ${header.data.id}`);
  records.push({ parsed: first, record: header.data });

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    let why: string | null = null;
    let record: JournalRecord | null = null;
    if (!line.ok) why = `not JSON (${line.why})`;
    else {
      record = asDelta(line.value);
      if (!record) {
        const result = JournalRecord.safeParse(line.value);
        if (result.success) record = result.data;
        else why = `not a journal record (${result.error.issues[0]?.message ?? "invalid"})`;
      }
    }
    if (record && line.ok) {
      if (firstBad) throw damagedJournalError(path, firstBad.index + 1, firstBad.why);
      records.push({ parsed: line, record });
    } else if (!firstBad) {
      firstBad = { index: i, start: line.start, why: why ?? "invalid" };
    }
  }

  const second = records[1]?.record;
  if (!second || !("t" in second) || second.t !== "conversation") {
    throw damagedJournalError(path, 2, "the first record must be the conversation settings");
  }
  const state: ConversationState = {
    id: header.data.id,
    title: second.title,
    createdAt: header.data.createdAt,
    updatedAt: second.at,
    systemPrompt: second.systemPrompt,
    sampling: second.sampling,
    collection: second.collection ?? null,
    lora: second.lora ?? null,
    contextSize: second.contextSize ?? null,
    messages: [],
    tree: emptyTree(),
  };
  const warnings: string[] = [];
  for (let i = 1; i < records.length; i++) {
    const warning = applyRecord(state, records[i]!.record as JournalRecord);
    if (warning) warnings.push(`${path} line ${i + 1}: ${warning}`);
  }

  const interrupted: string[] = [];
  for (const message of state.tree.nodes.values()) {
    if (message.status === "streaming") {
      message.status = "interrupted";
      message.stopReason = "interrupted";
      interrupted.push(message.id);
    }
  }

  const last = records[records.length - 1]!.parsed;
  const validBytes = last.newline ? last.end + 1 : last.end;
  return {
    state,
    validBytes,
    tornBytes: data.length - validBytes,
    missingNewline: !last.newline,
    lines: records.length,
    interrupted,
    warnings,
    version: header.data.version,
  };
}

function findMessage(state: ConversationState, id: string): Message | undefined {
  return state.tree.nodes.get(id);
}

/** Applies a change of the tree's shape and recomputes the messages shown. */
function reshape(state: ConversationState, warning: string | null): string | null {
  if (warning === null) state.messages = activePath(state.tree);
  return warning;
}

/**
 * Applies one record to the state, in place (deltas are many: no copying). Returns a warning, and
 * changes nothing, when the record refers to a message that is not there or not streaming.
 * The store checks the same conditions before it writes, so its own records never warn.
 */
export function applyRecord(state: ConversationState, record: JournalRecord): string | null {
  const warning = applyChange(state, record);
  if (warning === null && "at" in record) state.updatedAt = record.at;
  return warning;
}

function applyChange(state: ConversationState, record: JournalRecord): string | null {
  switch (record.t) {
    case "conversation":
      state.title = record.title;
      state.systemPrompt = record.systemPrompt;
      state.sampling = record.sampling;
      state.collection = record.collection ?? null;
      state.lora = record.lora ?? null;
      state.contextSize = record.contextSize ?? null;
      return null;
    case "updated":
      if (record.title !== undefined) state.title = record.title;
      if (record.systemPrompt !== undefined) state.systemPrompt = record.systemPrompt;
      if (record.sampling !== undefined) state.sampling = record.sampling;
      if (record.collection !== undefined) state.collection = record.collection;
      if (record.lora !== undefined) state.lora = record.lora;
      if (record.contextSize !== undefined) state.contextSize = record.contextSize;
      return null;
    case "user":
    case "assistant":
    case "message": {
      const message: Message =
        record.t === "user"
          ? { id: record.id, role: "user", text: record.text, createdAt: record.at }
          : record.t === "assistant"
            ? { id: record.id, role: "assistant", text: "", createdAt: record.at, status: "streaming" }
            : structuredClone(record.message);
      // No parent in the record (version 1): it follows the last message shown.
      const parent = record.parent !== undefined ? record.parent : (state.messages.at(-1)?.id ?? null);
      return reshape(state, addMessage(state.tree, message, parent));
    }
    case "select":
      return reshape(state, selectMessage(state.tree, record.id));
    case "delta": {
      const message = findMessage(state, record.id);
      if (!message || message.status !== "streaming") return `delta for ${record.id}, which is not a streaming answer`;
      if (record.kind === "text") message.text += record.text;
      else message.thinking = (message.thinking ?? "") + record.text;
      return null;
    }
    case "finish": {
      const message = findMessage(state, record.id);
      if (!message || message.role !== "assistant") return `finish for ${record.id}, which is not an answer`;
      message.status = record.status;
      message.stopReason = record.stopReason;
      if (record.stats !== undefined) message.stats = record.stats;
      if (record.error !== undefined) message.error = record.error;
      if (record.citations !== undefined) message.citations = record.citations;
      if (record.sources !== undefined) message.sources = record.sources;
      return null;
    }
    case "truncate":
      return reshape(state, removeFrom(state.tree, record.id));
  }
}
