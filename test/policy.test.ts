// The managed policy through the real engine process: one test per policy key that the engine
// enforces, each against an engine started with ENCLAVE_POLICY pointing at a policy file. A baseline
// engine without a policy gives the answers the policy's effects are compared with.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { isEngineError } from "../native/contract/errors.ts";
import type { ChatDeltaEvent } from "../native/contract/events.ts";
import type { Policy } from "../native/contract/policy.ts";
import { sha256File } from "../native/models/hash.ts";
import { DELETE_ALL_CONFIRMATION } from "../native/contract/data.ts";
import { BLOCKED_MESSAGE } from "../native/engine/answer-turn.ts";
import { getTestModels, type TestModels } from "./fixtures/test-models.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";
import { runEnclave } from "./helpers/cli.ts";
import { ConversationStore } from "../native/store/conversation-store.ts";

const greedy = { temperature: 0, maxTokens: 12, seed: 1 };
const MANDATORY = "Always answer in the style of the company handbook.";
const QUESTION = "Tell me about the sea.";

let models: TestModels;
let scratch: string;
let baseline: TestEngine;
let managed: TestEngine;
let auditFolder: string;
const engines: TestEngine[] = [];

async function engineWith(policy: unknown, name: string): Promise<TestEngine> {
  const path = join(scratch, `${name}.json`);
  await writeFile(path, typeof policy === "string" ? policy : JSON.stringify(policy));
  const engine = await startTestEngine({ env: { ENCLAVE_POLICY: path } });
  engines.push(engine);
  return engine;
}

async function ask(engine: TestEngine, systemPrompt: string) {
  const conversation = await engine.client.call("conversations.create", { systemPrompt });
  const deltas: string[] = [];
  const result = await engine.client.call(
    "chat.send",
    { conversationId: conversation.id, text: QUESTION, sampling: greedy },
    { onEvent: (name, payload) => name === "chat.delta" && deltas.push((payload as ChatDeltaEvent).text) },
  );
  return { message: result.assistantMessage, deltas, conversationId: conversation.id };
}

before(async () => {
  models = await getTestModels();
  scratch = await mkdtemp(join(tmpdir(), "enclave-policy-"));
  auditFolder = join(scratch, "audit-elsewhere");
  const q8sha = await sha256File(models.q8_0);
  baseline = await startTestEngine({ env: { ENCLAVE_POLICY: join(scratch, "absent.json") } });
  engines.push(baseline);
  const policy: Policy = {
    version: 1,
    forceOffline: true,
    models: { allowed: [{ sha256: q8sha, name: "Tiny Q8_0" }], allowUserModels: false },
    downloads: false,
    maxContext: 1024,
    systemPrompt: MANDATORY,
    audit: { folder: auditFolder, questions: "hash" },
    updateServer: "https://updates.example.internal/enclave",
  };
  managed = await engineWith(policy, "managed");
  await baseline.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
});
after(async () => {
  for (const engine of engines) await engine.close();
  await rm(scratch, { recursive: true, force: true });
});

test("no policy file: policy.get says none, and nothing is locked", async () => {
  const status = await baseline.client.call("policy.get", {});
  assert.equal(status.state, "none");
  assert.deepEqual((await baseline.client.call("settings.get", {})).locked, []);
});

test("forceOffline: offline is on and locked; turning it off is refused as POLICY_DENIED", async () => {
  const { settings, locked } = await managed.client.call("settings.get", {});
  assert.equal(settings.offline, true);
  assert.deepEqual(locked, ["offline"]);
  await assert.rejects(managed.client.call("settings.update", { offline: false }), (err) => isEngineError(err, "POLICY_DENIED") && /offline/.test(err.message));
  assert.equal((await managed.client.call("settings.get", {})).settings.offline, true);
});

test("downloads: false refuses a download with POLICY_DENIED before any connection", async () => {
  await assert.rejects(managed.client.call("models.download", { uri: "https://huggingface.co/x/y/resolve/main/m.gguf" }), (err) => isEngineError(err, "POLICY_DENIED") && err.details?.policyKey === "downloads");
});

test("maxContext: a larger context is refused at load and in settings; a stored larger one is clamped", async () => {
  assert.ok((await managed.client.call("settings.get", {})).settings.contextSize <= 1024, "the default 4096 is brought down to the policy's 1024");
  await assert.rejects(managed.client.call("settings.update", { contextSize: 4096 }), (err) => isEngineError(err, "POLICY_DENIED") && err.details?.policyKey === "maxContext");
  await assert.rejects(managed.client.call("inference.load", { model: models.q8_0, contextSize: 2048 }), (err) => isEngineError(err, "POLICY_DENIED"));
  await managed.client.call("settings.update", { contextSize: 512 });
});

test("models.allowUserModels false: only the allowed hash loads; another quantization is refused", async () => {
  await assert.rejects(managed.client.call("inference.load", { model: models.q4_0, contextSize: 512 }), (err) => isEngineError(err, "POLICY_DENIED") && /not one of the models/.test(err.message));
  const loaded = await managed.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  assert.equal(loaded.model.quant, "Q8_0");
});

test("models.allowUserModels false holds for embedding models too: RAG and /v1/embeddings refuse a file outside the list", async () => {
  const outside = (err: unknown) => isEngineError(err, "POLICY_DENIED") && /not one of the models/.test(err.message);
  await assert.rejects(managed.client.call("embeddings.create", { model: models.q4_0, input: ["a"] }), outside);
  await managed.client.call("settings.update", { embeddingModel: models.q4_0 });
  try {
    await assert.rejects(managed.client.call("rag.search", { collection: "default", query: "sea", k: 3 }), outside);
  } finally {
    await managed.client.call("settings.update", { embeddingModel: null });
  }
  // The allowed file is still usable as an embedder, so the refusal above was the list, not the file.
  const allowed = await managed.client.call("embeddings.create", { model: models.q8_0, input: ["a"] });
  assert.equal(allowed.vectors.length, 1);
});

test("systemPrompt: the model is given the mandatory prompt even when the conversation has none", async () => {
  const withMandatory = await ask(managed, "");
  const explicit = await ask(baseline, MANDATORY);
  const without = await ask(baseline, "");
  assert.equal(withMandatory.message.text, explicit.message.text, "same prompt, same greedy answer");
  assert.equal(withMandatory.message.stats!.promptTokens, explicit.message.stats!.promptTokens);
  assert.notEqual(without.message.stats!.promptTokens, explicit.message.stats!.promptTokens, "the comparison can tell prompts apart");
});

test("audit.folder and audit.questions 'hash': the log is in the policy's folder and holds no question text", async () => {
  assert.ok(existsSync(join(auditFolder, "audit.jsonl")));
  const { records } = await managed.client.call("audit.list", { limit: 100 });
  const question = records.find((r) => r.type === "question");
  assert.ok(question, "the question was recorded");
  assert.equal(question.data.sha256, createHash("sha256").update(QUESTION).digest("hex"));
  assert.equal(question.data.text, undefined);
  assert.doesNotMatch(await readFile(join(auditFolder, "audit.jsonl"), "utf8"), /Tell me about the sea/);
  const types = records.map((r) => r.type);
  for (const type of ["engine.start", "model.load", "settings.change"]) assert.ok(types.includes(type), `${type} is recorded`);
  assert.equal((await managed.client.call("audit.verify", {})).ok, true);
});

test("updateServer and the rest of the document are reported by policy.get", async () => {
  const status = await managed.client.call("policy.get", {});
  assert.equal(status.state, "active");
  assert.equal(status.policy?.updateServer, "https://updates.example.internal/enclave");
});

test("blockedTerms: the answer stops before the term and is marked as stopped by policy", async () => {
  const reference = await ask(baseline, "You are terse.");
  const term = reference.deltas.slice(2).find((d) => d.trim().length >= 2)?.trim();
  assert.ok(term, `the reference answer has a usable later delta: ${JSON.stringify(reference.deltas)}`);
  const guarded = await engineWith({ blockedTerms: [term] }, "blocked");
  await guarded.client.call("inference.load", { model: models.q8_0, contextSize: 512 });
  const { message, deltas, conversationId } = await ask(guarded, "You are terse.");
  assert.equal(message.status, "error");
  assert.equal(message.error, BLOCKED_MESSAGE);
  assert.ok(!message.text.toLowerCase().includes(term.toLowerCase()), "the term was neither kept nor shown");
  assert.ok(!deltas.join("").toLowerCase().includes(term.toLowerCase()));
  assert.ok(message.text.length < reference.message.text.length);
  const stored = await guarded.client.call("conversations.get", { id: conversationId });
  assert.equal(stored.messages.at(-1)!.error, BLOCKED_MESSAGE);
});

test("an invalid policy fails closed: every call refused with POLICY_INVALID naming the bad key", async () => {
  const broken = await engineWith({ models: { allowUserModel: false } }, "invalid");
  const status = await broken.client.call("policy.get", {});
  assert.equal(status.state, "invalid");
  assert.match(status.error ?? "", /allowUserModel/);
  await assert.rejects(broken.client.call("conversations.list", {}), (err) => isEngineError(err, "POLICY_INVALID") && /models.*allowUserModel/.test(err.message));
  await assert.rejects(broken.client.call("settings.get", {}), (err) => isEngineError(err, "POLICY_INVALID"));
});

test("a policy that is not JSON fails closed too", async () => {
  const broken = await engineWith("{ forceOffline: true", "not-json");
  await assert.rejects(broken.client.call("models.list", {}), (err) => isEngineError(err, "POLICY_INVALID") && /not valid JSON/.test(err.message));
});

test("audit.enabled false: nothing is written", async () => {
  const silent = await engineWith({ audit: { enabled: false } }, "no-audit");
  await silent.client.call("settings.update", { threads: 1 });
  const { enabled, records } = await silent.client.call("audit.list", { limit: 10 });
  assert.deepEqual([enabled, records.length], [false, 0]);
  assert.ok(!existsSync(join(silent.dataDir, "audit", "audit.jsonl")));
});

test("the CLI refuses a forbidden action with the policy's message and exit status 8", async () => {
  const path = join(scratch, "cli.json");
  await writeFile(path, JSON.stringify({ forceOffline: true }));
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-policy-cli-"));
  try {
    const run = await runEnclave(dataDir, ["settings", "set", "offline", "false"], { env: { ENCLAVE_POLICY: path } });
    assert.equal(run.code, 8, run.stderr);
    assert.match(run.stderr, /fixed by your organisation's policy: offline/);
    await writeFile(path, JSON.stringify({ forceOffline: "yes" }));
    const invalid = await runEnclave(dataDir, ["policy"], { env: { ENCLAVE_POLICY: path } });
    assert.equal(invalid.code, 8);
    assert.match(invalid.stderr, /forceOffline/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("retentionDays: conversations older than the policy's days are purged at start, and the purge is audited", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-retention-"));
  const old = ConversationStore.open(dataDir, { now: () => new Date(Date.now() - 10 * 24 * 3600 * 1000) });
  const expired = old.create({ title: "ten days old" });
  old.close();
  const fresh = ConversationStore.open(dataDir);
  const kept = fresh.create({ title: "today" });
  fresh.close();
  const path = join(scratch, "retention.json");
  await writeFile(path, JSON.stringify({ retentionDays: 7 }));
  const engine = await startTestEngine({ dataDir, env: { ENCLAVE_POLICY: path } });
  try {
    const { conversations } = await engine.client.call("conversations.list", {});
    assert.deepEqual(conversations.map((c) => c.id), [kept.id]);
    const purge = (await engine.client.call("audit.list", { limit: 10 })).records.find((r) => r.type === "retention.purge");
    assert.deepEqual(purge?.data.deleted, [expired.id]);
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("apiServer 'off', remoteBackends false and audit.userMayDelete: the server never listens, a remote model is refused, delete-all takes the log", async () => {
  const governed = await engineWith({ apiServer: "off", remoteBackends: false, audit: { userMayDelete: true } }, "governed");
  await governed.client.call("apiServer.attach", { token: "sk-enclave-policy-test-00001" });
  const enabled = governed.client.call("settings.update", { apiServer: { ...(await governed.client.call("settings.get", {})).settings.apiServer, enabled: true, port: 0 } });
  await enabled.catch(() => undefined);
  const status = await governed.client.call("apiServer.status", {});
  assert.equal(status.running, false, "the policy keeps the API server off");
  assert.match(`${status.error ?? ""} ${await enabled.then(() => "", (e: Error) => e.message)}`, /polic/i);

  const far = { id: "far-away", baseUrl: "http://127.0.0.1:9/v1", model: "gpt-x" };
  const configured = await governed.client.call("settings.update", { remoteModels: [far] }).then(
    () => true,
    (err: unknown) => (assert.ok(isEngineError(err, "POLICY_DENIED"), String(err)), false),
  );
  if (configured) {
    await assert.rejects(
      governed.client.call("completions.chat", { model: far.id, messages: [{ role: "user", content: "hi" }] }),
      (err) => isEngineError(err, "POLICY_DENIED") && /Remote backends are turned off/.test(err.message),
    );
  }

  const withLog = await governed.client.call("data.deleteAll", { confirm: DELETE_ALL_CONFIRMATION });
  assert.equal(withLog.auditLog, true, "userMayDelete: the audit log goes with the rest");
  const keptLog = await baseline.client.call("data.deleteAll", { confirm: DELETE_ALL_CONFIRMATION });
  assert.equal(keptLog.auditLog, false, "by default the audit log is kept");
  assert.ok((await baseline.client.call("audit.list", { limit: 10 })).records.some((r) => r.type === "data.deleteAll"), "the deletion itself is recorded in the kept log");
});
