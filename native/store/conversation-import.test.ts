import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConversationStore } from "./conversation-store.ts";
import { importConversationJson } from "./conversation-import.ts";
import { conversationsToJson } from "./export.ts";

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

test("JSON round trip: a new conversation with the same messages, figures, citations and settings", () =>
  withStore((store) => {
    const original = store.get(grounded(store));
    const [imported, ...more] = importConversationJson(store, conversationsToJson([original]));
    assert.equal(more.length, 0);
    assert.ok(imported);
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
