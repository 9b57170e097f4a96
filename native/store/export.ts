// Conversations exported for the user: Markdown to read or share, JSON to keep or process, both with
// the citations and sources of grounded answers. The one implementation every front end uses (the
// Settings "export all" and the chat view's single-conversation export go through
// `conversations.export`).
import type { Citation } from "../contract/citations.ts";
import type { Conversation, Message } from "../contract/conversations.ts";

export const EXPORT_FORMAT = "enclave.conversations";
export const EXPORT_VERSION = 1;

export function conversationsToJson(conversations: readonly Conversation[], exportedAt: Date = new Date()): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: exportedAt.toISOString(), conversations }, null, 2) + "\n";
}

export function conversationsToMarkdown(conversations: readonly Conversation[], exportedAt: Date = new Date()): string {
  return conversations.map((c) => conversationToMarkdown(c, exportedAt)).join("\n---\n\n");
}

export function conversationToMarkdown(conversation: Conversation, exportedAt: Date = new Date()): string {
  const out = [`# ${escapeLine(conversation.title || "Untitled conversation")}`, "", `_Created ${conversation.createdAt}; exported from Enclave ${exportedAt.toISOString()}._`, ""];
  if (conversation.systemPrompt.trim()) out.push(`> **System prompt:** ${quoteBlock(conversation.systemPrompt)}`, "");
  for (const message of conversation.messages) out.push(...messageToMarkdown(message));
  return out.join("\n").trimEnd() + "\n";
}

function messageToMarkdown(message: Message): string[] {
  const who = message.role === "user" ? "You" : `Assistant${message.stats?.modelName ? ` (${message.stats.modelName})` : ""}`;
  const out = [`## ${who} · ${message.createdAt}`, "", message.text || "_(no text)_", ""];
  if (message.status === "interrupted") out.push("_The answer was stopped before it finished._", "");
  if (message.error) out.push(`_${message.error}_`, "");
  const cited = message.citations ?? [];
  const others = (message.sources ?? []).filter((s) => !cited.some((c) => c.n === s.n));
  if (cited.length) out.push("**Citations**", "", ...cited.map(citationLine), "");
  if (others.length) out.push("**Other sources given to the model**", "", ...others.map(citationLine), "");
  return out;
}

function citationLine(c: Citation): string {
  const pages = c.pageEnd > c.page ? `pages ${c.page}–${c.pageEnd}` : `page ${c.page}`;
  const check = c.verified ? "quotes verified" : "a quote was NOT found in the source";
  const excerpt = c.text.replace(/\s+/g, " ").trim();
  return `- [${c.n}] ${escapeLine(c.file)}, ${pages} (${check}): “${excerpt.length > 300 ? `${excerpt.slice(0, 300)}…` : excerpt}”`;
}

function escapeLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

function quoteBlock(text: string): string {
  return text.replace(/\r?\n/g, "\n> ");
}

/** A file name for the export: one conversation's title, or "enclave-conversations". */
export function exportFileName(conversations: readonly Conversation[], format: "markdown" | "json", date: Date = new Date()): string {
  const base = conversations.length === 1 ? conversations[0]!.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "conversation" : "enclave-conversations";
  return `${base}-${date.toISOString().slice(0, 10)}.${format === "json" ? "json" : "md"}`;
}
