// One conversation out and back in: Markdown for people (each answer's citations as footnotes) and
// JSON for Enclave (the messages shown, with their figures, citations and sources, and the
// conversation's own settings). Import always creates a new conversation; nothing is overwritten.
// (The governance export of all conversations lives apart; both read the same Conversation.)
import { basename } from "node:path";
import { z } from "zod";
import { EngineError, formatZodError } from "../contract/errors.ts";
import { Conversation, type Message } from "../contract/conversations.ts";
import type { Citation } from "../contract/citations.ts";
import type { ConversationStore } from "./conversation-store.ts";

export const EXPORT_FORMAT = "enclave.conversation-export";
export const EXPORT_VERSION = 1;

const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().min(1).max(EXPORT_VERSION),
  exportedAt: z.string(),
  conversation: Conversation,
});

export function conversationToJson(conversation: Conversation, now = new Date()): string {
  const messages = conversation.messages.map(({ versions: _versions, ...m }) => m); // versions name ids that stay behind
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), conversation: { ...conversation, messages } }, null, 2) + "\n";
}

/** Markdown: a heading per speaker; `[n]` in an answer becomes a footnote naming file, page and passage. */
export function conversationToMarkdown(conversation: Conversation): string {
  const out: string[] = [`# ${conversation.title}`, ""];
  if (conversation.systemPrompt.trim()) out.push(`> System prompt: ${conversation.systemPrompt.trim().replace(/\n/g, "\n> ")}`, "");
  let answer = 0;
  for (const message of conversation.messages) {
    if (message.role === "user") {
      out.push("## You", "", message.text, "");
      continue;
    }
    answer++;
    out.push("## Assistant", "", withFootnotes(message, answer), "");
    if (message.status === "interrupted") out.push("*(The answer was interrupted.)*", "");
    const cited = citationsOf(message);
    for (const c of cited) out.push(`[^${answer}-${c.n}]: ${footnote(c)}`);
    if (cited.length) out.push("");
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

function citationsOf(message: Message): Citation[] {
  const byN = new Map<number, Citation>();
  for (const c of [...(message.sources ?? []), ...(message.citations ?? [])]) byN.set(c.n, c);
  const used = new Set([...message.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  return [...byN.values()].filter((c) => used.has(c.n)).sort((a, b) => a.n - b.n);
}

function withFootnotes(message: Message, answer: number): string {
  const known = new Set(citationsOf(message).map((c) => c.n));
  return message.text.replace(/\[(\d+)\]/g, (whole, n: string) => (known.has(Number(n)) ? `[^${answer}-${n}]` : whole));
}

function footnote(c: Citation): string {
  const pages = c.pageEnd > c.page ? `pages ${c.page}–${c.pageEnd}` : `page ${c.page}`;
  const passage = c.text.replace(/\s+/g, " ").trim();
  return `${basename(c.file)}, ${pages}: “${passage.length > 300 ? `${passage.slice(0, 300)}…` : passage}”`;
}

/** Reads an export written by conversationToJson into a new conversation; returns it. */
export function importConversationJson(store: ConversationStore, json: string): Conversation {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new EngineError("INVALID_INPUT", `This is not an Enclave conversation export: it is not JSON (${(err as Error).message}).`);
  }
  const parsed = ExportFile.safeParse(value);
  if (!parsed.success) throw new EngineError("INVALID_INPUT", `This is not an Enclave conversation export: ${formatZodError(parsed.error)}`);
  const source = parsed.data.conversation;
  const created = store.create({ title: source.title, systemPrompt: source.systemPrompt, sampling: source.sampling, collection: source.collection ?? null });
  try {
    for (const m of source.messages) {
      if (m.role === "user") {
        store.appendUserMessage(created.id, m.text);
        continue;
      }
      const answer = store.startAssistant(created.id);
      if (m.thinking) store.appendDelta(created.id, answer.id, "thinking", m.thinking);
      store.appendDelta(created.id, answer.id, "text", m.text);
      const status = m.status === "error" ? "error" : m.status === "complete" ? "complete" : "interrupted";
      store.finishAssistant(created.id, answer.id, {
        status,
        stopReason: m.stopReason ?? (status === "complete" ? "eos" : status === "error" ? "error" : "interrupted"),
        ...(m.stats && { stats: m.stats }),
        ...(m.error !== undefined && { error: m.error }),
        ...(m.citations && { citations: m.citations }),
        ...(m.sources && { sources: m.sources }),
      });
    }
  } catch (err) {
    store.delete(created.id); // nothing half-imported stays
    throw err;
  }
  return store.get(created.id);
}
