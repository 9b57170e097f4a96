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
  const answers = { count: 0 }; // footnote labels stay unique across every conversation in the file
  return conversations.map((c) => conversationToMarkdown(c, exportedAt, answers)).join("\n---\n\n");
}

export function conversationToMarkdown(conversation: Conversation, exportedAt: Date = new Date(), answers = { count: 0 }): string {
  const out = [`# ${escapeLine(conversation.title || "Untitled conversation")}`, "", `_Created ${conversation.createdAt}; exported from Enclave ${exportedAt.toISOString()}._`, ""];
  if (conversation.systemPrompt.trim()) out.push(`> **System prompt:** ${quoteBlock(conversation.systemPrompt)}`, "");
  for (const message of conversation.messages) out.push(...messageToMarkdown(message, message.citations?.length ? ++answers.count : 0));
  return out.join("\n").trimEnd() + "\n";
}

/**
 * A message; a grounded answer's [n] markers become Markdown footnotes ([^a<answer>-<n>]) whose
 * definitions follow it, so each citation renders as a footnote in any Markdown viewer.
 */
function messageToMarkdown(message: Message, answer: number): string[] {
  const who = message.role === "user" ? "You" : `Assistant${message.stats?.modelName ? ` (${message.stats.modelName}${adaptersText(message.stats.adapters)})` : ""}`;
  const cited = message.citations ?? [];
  const label = (n: number) => `[^a${answer}-${n}]`;
  const text = cited.length ? footnoteMarkers(message.text, new Set(cited.map((c) => c.n)), label) : message.text;
  const out = [`## ${who} · ${message.createdAt}`, "", text || "_(no text)_", ""];
  if (message.status === "interrupted") out.push("_The answer was stopped before it finished._", "");
  if (message.error) out.push(`_${message.error}_`, "");
  const others = (message.sources ?? []).filter((s) => !cited.some((c) => c.n === s.n));
  if (cited.length) out.push(...cited.map((c) => `${label(c.n)}: ${citationText(c)}`), "");
  if (others.length) out.push("**Other sources given to the model**", "", ...others.map((c) => `- [${c.n}] ${citationText(c)}`), "");
  return out;
}

/** ", LoRA a.gguf ×2, b.gguf ×0.5" for an answer written with adapters; "" without. */
function adaptersText(adapters: readonly { name: string; scale: number }[] | undefined): string {
  return adapters?.length ? `, LoRA ${adapters.map((a) => `${escapeLine(a.name)} ×${a.scale}`).join(", ")}` : "";
}

/** "[1]", "[1, 3]" and "[1][2]" → footnote references, for the numbers the answer really cited. */
function footnoteMarkers(text: string, cited: ReadonlySet<number>, label: (n: number) => string): string {
  return text.replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (whole, list: string) => {
    const ns = list.split(",").map((n) => Number(n.trim()));
    return ns.every((n) => cited.has(n)) ? ns.map(label).join("") : whole;
  });
}

function citationText(c: Citation): string {
  const pages = c.pageEnd > c.page ? `pages ${c.page}–${c.pageEnd}` : `page ${c.page}`;
  const check = c.verified ? "quotes verified" : "a quote was NOT found in the source";
  const excerpt = c.text.replace(/\s+/g, " ").trim();
  return `${escapeLine(c.file)}, ${pages} (${check}): “${excerpt.length > 300 ? `${excerpt.slice(0, 300)}…` : excerpt}”`;
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
