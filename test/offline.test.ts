// Provable offline mode through the real engine process: a fresh install is offline; a whole
// journey (models, chat, ingest, search, grounded question, export of the audit log) makes no
// connection attempt outside loopback — the socket-level guard would have refused and audited any
// (its refusals are unit-tested in native/offline/network-guard.test.ts); a download is refused at
// once with OFFLINE and audited. Then export of the journey's conversations, and deleting all data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isEngineError } from "../native/contract/errors.ts";
import { DELETE_ALL_CONFIRMATION } from "../native/contract/data.ts";
import { threePagePdf } from "./fixtures/documents/documents.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";

let models: TestModels;
let engine: TestEngine;
let docs: string;

before(async () => {
  models = await getTestModels();
  docs = await mkdtemp(join(tmpdir(), "enclave-offline-docs-"));
  engine = await startTestEngine({ env: { ENCLAVE_POLICY: join(docs, "no-policy.json") } });
});
after(async () => {
  await engine?.close();
  await rm(docs, { recursive: true, force: true });
});

test("a fresh install is offline", async () => {
  const { settings } = await engine.client.call("settings.get", {});
  assert.equal(settings.offline, true);
});

test("a download is refused at once with OFFLINE and the refusal is audited", async () => {
  await assert.rejects(engine.client.call("models.download", { uri: "https://huggingface.co/org/repo/resolve/main/model.gguf" }), (err) => isEngineError(err, "OFFLINE"));
  const { records } = await engine.client.call("audit.list", { limit: 20 });
  const blocked = records.find((r) => r.type === "network.blocked");
  assert.ok(blocked, "the refusal is in the audit log");
  assert.equal(blocked.data.uri, "https://huggingface.co/org/repo/resolve/main/model.gguf");
});

test("a full journey makes no connection attempt outside loopback", async () => {
  const before = (await engine.client.call("audit.list", { limit: 1000 })).records.filter((r) => r.type === "network.blocked").length;
  await engine.client.call("models.addFolder", { path: models.dir });
  await engine.client.call("models.list", { rescan: true });
  await engine.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  const conversation = await engine.client.call("conversations.create", {});
  await engine.client.call("chat.send", { conversationId: conversation.id, text: "Hello there.", sampling: { temperature: 0, maxTokens: 8, seed: 1 } });
  const pdf = join(docs, "three-pages.pdf");
  await writeFile(pdf, threePagePdf());
  const ingest = await engine.client.call("rag.ingest", { paths: [pdf], collection: "offline" });
  assert.equal(ingest.files[0]!.outcome, "added");
  await engine.client.call("rag.search", { query: "page", collection: "offline" });
  const asked = await engine.client.call("rag.ask", { question: "What is on the first page?", collection: "offline", sampling: { temperature: 0, maxTokens: 8, seed: 1 } });
  await engine.client.call("audit.export", { path: join(docs, "export", "audit.jsonl") });

  // Export (the one implementation behind every export button): the grounded answer keeps its sources.
  const md = await engine.client.call("conversations.export", { ids: [asked.conversationId!], format: "markdown" });
  assert.equal(md.count, 1);
  assert.match(md.content, /What is on the first page\?/);
  assert.match(md.content, /three-pages\.pdf, page \d/);
  const all = await engine.client.call("conversations.export", { format: "json" });
  const doc = JSON.parse(all.content) as { conversations: { messages: { sources?: unknown[] }[] }[] };
  assert.equal(doc.conversations.length, 2, "both conversations of the journey");
  assert.ok(doc.conversations.some((c) => c.messages.some((m) => (m.sources?.length ?? 0) > 0)));

  const records = (await engine.client.call("audit.list", { limit: 1000 })).records;
  assert.equal(records.filter((r) => r.type === "network.blocked").length, before, "no new blocked (attempted) connection");
  // The journey itself is in the log, so the check above looked at a log that was written to.
  for (const type of ["model.load", "question", "ingest", "audit.export", "conversations.export"]) assert.ok(records.some((r) => r.type === type), type);
  assert.equal((await engine.client.call("audit.verify", {})).ok, true);
});

test("Delete all my data: refused without the typed confirmation; then conversations, index and uploads go, the audit log stays", async () => {
  await assert.rejects(engine.client.call("data.deleteAll", { confirm: "yes" } as never), (err) => isEngineError(err, "INVALID_INPUT"));
  assert.ok((await engine.client.call("conversations.list", {})).conversations.length > 0, "nothing was deleted");
  const result = await engine.client.call("data.deleteAll", { confirm: DELETE_ALL_CONFIRMATION });
  assert.deepEqual([result.collections, result.auditLog], [1, false]);
  assert.ok(result.conversations >= 2);
  assert.deepEqual((await engine.client.call("conversations.list", {})).conversations, []);
  assert.deepEqual((await engine.client.call("rag.collections", {})).collections, []);
  const { records } = await engine.client.call("audit.list", { limit: 5 });
  assert.equal(records[0]!.type, "data.deleteAll");
  assert.ok(records.some((r) => r.type === "engine.start") || records[0]!.seq > 1, "the earlier log is kept");
  assert.equal((await engine.client.call("audit.verify", {})).ok, true);
});
