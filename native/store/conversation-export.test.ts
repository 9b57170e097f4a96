import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConversationStore } from "./conversation-store.ts";
import { conversationToJson, conversationToMarkdown, importConversationJson } from "./conversation-export.ts";

const source = { n: 1, documentId: "d", file: "/docs/lease.pdf", page: 4, pageEnd: 4, text: "Rent is due\n monthly.", score: 1, quotes: [], verified: true };
const other = { ...source, n: 2, file: "/docs/annex.pdf", page: 2, pageEnd: 3, text: "Annex." };

async function withStore(fn: (store: ConversationStore) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "enclave-export-"));
  const store = ConversationStore.open(dir);
  try {
    fn(store);
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function grounded(store: ConversationStore): string {
  const { id } = store.create({ title: "Lease", systemPrompt: "Cite sources.", sampling: { temperature: 0.3 }, collection: "contracts" });
  store.appendUserMessage(id, "When is rent due?");
  const a = store.startAssistant(id);
  store.appendDelta(id, a.id, "text", "Monthly [1], see also [2] and [7].");
  store.finishAssistant(id, a.id, { status: "complete", stopReason: "eos", citations: [source], sources: [source, other] });
  return id;
}

test("Markdown: speakers as headings, citations as footnotes naming file, pages and passage", () =>
  withStore((store) => {
    const md = conversationToMarkdown(store.get(grounded(store)));
    assert.match(md, /^# Lease\n/);
    assert.match(md, /> System prompt: Cite sources\./);
    assert.match(md, /## You\n\nWhen is rent due\?/);
    assert.match(md, /Monthly \[\^1-1\], see also \[\^1-2\] and \[7\]\./, "an [n] with no source stays as written");
    assert.match(md, /\[\^1-1\]: lease\.pdf, page 4: “Rent is due monthly\.”/);
    assert.match(md, /\[\^1-2\]: annex\.pdf, pages 2–3: “Annex\.”/);
  }));

test("JSON round trip: a new conversation with the same messages, figures, citations and settings", () =>
  withStore((store) => {
    const original = store.get(grounded(store));
    const imported = importConversationJson(store, conversationToJson(original));
    assert.notEqual(imported.id, original.id);
    assert.equal(imported.title, "Lease");
    assert.equal(imported.collection, "contracts");
    assert.deepEqual(imported.sampling, { temperature: 0.3 });
    assert.deepEqual(imported.messages.map((m) => [m.role, m.text, m.status]), original.messages.map((m) => [m.role, m.text, m.status]));
    assert.deepEqual(imported.messages[1]!.citations, [source]);
    assert.deepEqual(imported.messages[1]!.sources, [source, other]);
  }));

test("import refuses what is not an export, and creates nothing", () =>
  withStore((store) => {
    assert.throws(() => importConversationJson(store, "{not json"), { code: "INVALID_INPUT", message: /not JSON/ });
    assert.throws(() => importConversationJson(store, JSON.stringify({ format: "other" })), { code: "INVALID_INPUT", message: /not an Enclave conversation export/ });
    assert.equal(store.list().length, 0);
  }));
