import { test } from "node:test";
import assert from "node:assert/strict";
import type { Conversation } from "../contract/conversations.ts";
import type { Citation } from "../contract/citations.ts";
import { conversationsToJson, conversationsToMarkdown, exportFileName, EXPORT_FORMAT } from "./export.ts";

const citation = (n: number, verified: boolean): Citation => ({ n, documentId: `d${n}`, file: `/docs/report-${n}.pdf`, page: 3, pageEnd: 3, text: `Revenue grew\n by ${n}0%.`, score: 0.5, quotes: [], verified });
const conversation: Conversation = {
  id: "c1",
  title: "Q3 report: revenue?",
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:01:00.000Z",
  messageCount: 2,
  systemPrompt: "Be precise.\nCite sources.",
  sampling: {},
  messages: [
    { id: "m1", role: "user", text: "How did revenue change?", createdAt: "2026-12-01T10:00:00.000Z" },
    { id: "m2", role: "assistant", text: "It grew by 10% [1].", createdAt: "2026-12-01T10:00:05.000Z", status: "complete", citations: [citation(1, true)], sources: [citation(1, true), citation(2, false)] },
  ],
};
const at = new Date("2026-12-03T08:00:00.000Z");

test("Markdown keeps the turns, the system prompt, citations as footnotes and other sources with pages and checks", () => {
  const md = conversationsToMarkdown([conversation], at);
  assert.match(md, /^# Q3 report: revenue\?\n/);
  assert.match(md, /> \*\*System prompt:\*\* Be precise.\n> Cite sources./);
  assert.match(md, /## You · 2026-12-01T10:00:00.000Z\n\nHow did revenue change\?/);
  assert.match(md, /It grew by 10% \[\^a1-1\]\.\n\n\[\^a1-1\]: \/docs\/report-1.pdf, page 3 \(quotes verified\): “Revenue grew by 10%.”/);
  assert.match(md, /\*\*Other sources given to the model\*\*\n\n- \[2\] \/docs\/report-2.pdf, page 3 \(a quote was NOT found in the source\)/);
});

test("footnotes: lists and runs of markers, numbers that were not cited left alone, labels unique across conversations", () => {
  const answer = { ...conversation.messages[1]!, text: "Up [1, 2], then [1][2]; see [7] and [1, 7]." , citations: [citation(1, true), citation(2, true)] };
  const md = conversationsToMarkdown([{ ...conversation, messages: [answer] }, { ...conversation, messages: [answer] }], at);
  assert.match(md, /Up \[\^a1-1\]\[\^a1-2\], then \[\^a1-1\]\[\^a1-2\]; see \[7\] and \[1, 7\]\./);
  assert.match(md, /Up \[\^a2-1\]\[\^a2-2\]/, "the second conversation's answer gets its own labels");
  assert.equal(md.match(/^\[\^a1-1\]: /gm)?.length, 1, "one definition per footnote");
  assert.equal(md.match(/^\[\^a2-2\]: /gm)?.length, 1);
});

test("JSON is a versioned document holding the conversations as the contract defines them", () => {
  const doc = JSON.parse(conversationsToJson([conversation], at)) as { format: string; version: number; exportedAt: string; conversations: Conversation[] };
  assert.deepEqual([doc.format, doc.version, doc.exportedAt], [EXPORT_FORMAT, 1, at.toISOString()]);
  assert.deepEqual(doc.conversations[0], conversation);
});

test("file names: one conversation by its title, several as a set", () => {
  assert.equal(exportFileName([conversation], "markdown", at), "Q3-report-revenue-2026-12-03.md");
  assert.equal(exportFileName([conversation, conversation], "json", at), "enclave-conversations-2026-12-03.json");
});

test("an answer written with LoRA adapters names them (and their scales) in Markdown and keeps them in JSON", () => {
  const stats = { promptTokens: 10, evaluatedPromptTokens: 10, outputTokens: 5, ttftMs: 1, totalMs: 2, tokensPerSecond: 3, threads: 2, modelId: "m", modelName: "Tiny", quant: "Q8_0", adapters: [{ name: "style.gguf", scale: 2 }, { name: "tone.gguf", scale: 0.5 }] };
  const answer = { ...conversation.messages[1]!, stats };
  const withAdapters = { ...conversation, messages: [conversation.messages[0]!, answer] };
  assert.match(conversationsToMarkdown([withAdapters], at), /## Assistant \(Tiny, LoRA style\.gguf ×2, tone\.gguf ×0\.5\) · /);
  assert.match(conversationsToMarkdown([{ ...withAdapters, messages: [{ ...answer, stats: { ...stats, adapters: [] } }] }], at), /## Assistant \(Tiny\) · /);
  const doc = JSON.parse(conversationsToJson([withAdapters], at)) as { conversations: Conversation[] };
  assert.deepEqual(doc.conversations[0]!.messages[1]!.stats?.adapters, stats.adapters);
});
