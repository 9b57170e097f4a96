// Grounded answers through a remote backend: engine B holds the collection and no model; its remote
// model "team-llm" is served by engine A (a second Enclave behind its API server on loopback, standing
// in for vLLM or llama.cpp's server), which has no collection at all. Retrieval stays in B; only the
// assembled prompt with its numbered sources goes to A. Offline mode and a policy forbidding remote
// backends refuse before anything is searched or written.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import type { ChatDeltaEvent } from "../native/contract/events.ts";
import { isEngineError } from "../native/contract/errors.ts";
import { startApiServer, type StartedApiServer } from "../native/server/start.ts";
import { fixtureDir } from "./fixtures/documents/documents.ts";
import { API_TOKEN, startTestApiServer, type TestApiServer } from "./helpers/api-server.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";
import { runEnclave } from "./helpers/cli.ts";

let upstream: TestApiServer;
let local: TestEngine;
let localServer: StartedApiServer;
const LOCAL_TOKEN = "sk-enclave-local-token-000000000";
const QUESTION = "When does the lease of unit ZX-4471 end?";
let remoteModel: { id: string; baseUrl: string; model: string; contextSize: number };

before(async () => {
  upstream = await startTestApiServer({ contextSize: 2048 });
  local = await startTestEngine();
  const { dir, write } = fixtureDir("enclave-rag-remote-");
  write("notes.md", "# Notes\n\nThe lease of unit ZX-4471 ends on 31 March 2027.\n\nThe boiler of unit ZX-4472 was replaced in 2024.\n");
  const run = await local.client.call("rag.ingest", { paths: [dir], collection: "team" });
  assert.ok(run.files.every((f) => f.outcome === "added"));
  remoteModel = { id: "team-llm", baseUrl: upstream.url, model: upstream.modelId, contextSize: 1024 };
  await local.client.call("settings.update", { offline: false, remoteModels: [remoteModel] });
  await local.client.call("remote.setKey", { id: "team-llm", key: API_TOKEN });
  localServer = await startApiServer({ client: local.client, token: LOCAL_TOKEN, host: "127.0.0.1", port: 0 });
});
after(async () => {
  await localServer?.close();
  await local?.close();
  await upstream?.close();
});

test("rag.ask with a remote model: local sources, the remote model's streamed answer, kept in a conversation", async () => {
  assert.equal((await local.client.call("inference.status", {})).loaded, null, "engine B has no model of its own");
  assert.deepEqual((await upstream.engine.client.call("rag.collections", {})).collections, [], "engine A has no index to answer from");
  const deltas: string[] = [];
  const r = await local.client.call(
    "rag.ask",
    { question: QUESTION, collection: "team", model: "team-llm", sampling: { temperature: 0, maxTokens: 8 } },
    { onEvent: (name, p) => name === "chat.delta" && deltas.push((p as ChatDeltaEvent).text) },
  );
  assert.ok(r.answer && r.answer.length > 0);
  assert.equal(r.answer, deltas.join(""), "the remote deltas were streamed to the caller");
  assert.ok(r.hits.some((h) => h.file.endsWith("notes.md")), "retrieval ran on B's local index");
  assert.ok(r.sources.length > 0 && r.sources.every((s, i) => s.n === i + 1));
  const stats = r.message!.stats!;
  assert.equal(stats.modelId, "team-llm");
  assert.equal(stats.outputTokens, 8);
  assert.equal(r.message!.stopReason, "max-tokens");
  // A counted the prompt it was sent: the numbered sources made it far longer than the question.
  const bare = await local.client.call("completions.chat", { model: "team-llm", messages: [{ role: "user", content: QUESTION }], options: { maxTokens: 1 } });
  assert.ok(stats.promptTokens > bare.usage.promptTokens + 30, `grounded prompt ${stats.promptTokens} tokens vs bare ${bare.usage.promptTokens}`);

  const stored = await local.client.call("conversations.get", { id: r.conversationId! });
  assert.equal(stored.messages[0]!.text, QUESTION, "the stored question is the user's own words");
  assert.deepEqual(stored.messages[1]!.sources, r.sources);
  assert.equal(stored.collection, "team");

  // A follow-up in the same grounded conversation, still answered remotely (chat.send names the model).
  const follow = await local.client.call("chat.send", { conversationId: r.conversationId!, text: "And unit ZX-4472?", model: "team-llm", sampling: { temperature: 0, maxTokens: 4 } });
  assert.equal(follow.assistantMessage.status, "complete");
  assert.equal(follow.assistantMessage.stats!.modelId, "team-llm");
  assert.ok(follow.assistantMessage.sources!.length > 0, "the follow-up is grounded too");
});

test("the API server's grounded chat names the remote model and returns citations, whole and streamed", async () => {
  const openai = new OpenAI({ baseURL: localServer.url, apiKey: LOCAL_TOKEN, maxRetries: 0 });
  const request = { model: "team-llm", messages: [{ role: "user" as const, content: QUESTION }], temperature: 0, max_tokens: 6, enclave: { collection: "team" } };
  const whole = (await openai.chat.completions.create(request)) as OpenAI.ChatCompletion & { enclave?: { sources: unknown[]; citations: unknown[] } };
  assert.equal(whole.usage?.completion_tokens, 6);
  assert.ok(whole.enclave && whole.enclave.sources.length > 0, "citations ride in the enclave field");
  let text = "";
  let sources = 0;
  for await (const chunk of await openai.chat.completions.create({ ...request, stream: true })) {
    text += chunk.choices[0]?.delta.content ?? "";
    sources += ((chunk as unknown as { enclave?: { sources: unknown[] } }).enclave?.sources.length ?? 0);
  }
  assert.equal(text, whole.choices[0]!.message.content, "streamed deltas add up to the same greedy answer");
  assert.ok(sources > 0);
});

test("offline mode refuses a remote grounded answer before anything is searched or written", async () => {
  const before = (await local.client.call("conversations.list", {})).conversations.length;
  await local.client.call("settings.update", { offline: true });
  try {
    await assert.rejects(
      local.client.call("rag.ask", { question: QUESTION, collection: "team", model: "team-llm" }),
      (err) => isEngineError(err, "OFFLINE") && /offline mode is on/.test(err.message),
    );
  } finally {
    await local.client.call("settings.update", { offline: false });
  }
  assert.equal((await local.client.call("conversations.list", {})).conversations.length, before, "no conversation was made for it");
  // In an existing grounded conversation, the refused turn writes nothing either.
  const { conversationId } = await local.client.call("rag.ask", { question: QUESTION, collection: "team", model: "team-llm", sampling: { maxTokens: 2 } });
  const count = (await local.client.call("conversations.get", { id: conversationId! })).messages.length;
  await local.client.call("settings.update", { offline: true });
  try {
    await assert.rejects(local.client.call("chat.send", { conversationId: conversationId!, text: "More?", model: "team-llm" }), (err) => isEngineError(err, "OFFLINE"));
  } finally {
    await local.client.call("settings.update", { offline: false });
  }
  assert.equal((await local.client.call("conversations.get", { id: conversationId! })).messages.length, count);
});

test("a policy forbidding remote backends refuses a remote grounded answer", async () => {
  const { dir } = fixtureDir("enclave-rag-remote-policy-");
  const policy = join(dir, "policy.json");
  await writeFile(policy, JSON.stringify({ remoteBackends: false }));
  const governed = await startTestEngine({ env: { ENCLAVE_POLICY: policy } });
  try {
    await governed.client.call("settings.update", { offline: false, remoteModels: [remoteModel] });
    await assert.rejects(
      governed.client.call("rag.ask", { question: QUESTION, collection: "team", model: "team-llm" }),
      (err) => isEngineError(err, "POLICY_DENIED") && /policy/.test(err.message),
    );
  } finally {
    await governed.close();
  }
});

test("a connection test lists the endpoint's models and says clearly what is wrong", async () => {
  const ok = await local.client.call("remote.test", { id: "team-llm" });
  assert.ok(ok.models.includes(upstream.modelId));
  assert.equal(ok.modelListed, true);
  assert.deepEqual(await local.client.call("remote.keys", {}), { withKey: ["team-llm"], store: "file" });

  const closed = `http://127.0.0.1:${await freePort()}/v1`;
  await local.client.call("settings.update", {
    remoteModels: [remoteModel, { id: "nowhere", baseUrl: closed, model: "x" }, { id: "renamed", baseUrl: upstream.url, model: "not-served" }],
  });
  try {
    await assert.rejects(local.client.call("remote.test", { id: "nowhere" }), (err) => isEngineError(err, "ENGINE_UNAVAILABLE") && err.message.includes(closed));
    await assert.rejects(local.client.call("remote.test", { id: "renamed" }), (err) => isEngineError(err, "PERMISSION_DENIED") && /API key/.test(err.message), "no key: the endpoint refuses");
    await local.client.call("remote.setKey", { id: "renamed", key: API_TOKEN });
    assert.equal((await local.client.call("remote.test", { id: "renamed" })).modelListed, false, "reachable, but it does not serve that model");
    await assert.rejects(local.client.call("remote.test", { id: "unknown" }), (err) => isEngineError(err, "MODEL_NOT_FOUND"));
  } finally {
    await local.client.call("remote.setKey", { id: "renamed", key: null });
    await local.client.call("settings.update", { remoteModels: [remoteModel] });
  }
});

test("enclave ask --remote: the CLI's engine searches its own index and the remote model writes the answer", { timeout: 240_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-cli-remote-"));
  try {
    const { dir, write } = fixtureDir("enclave-cli-remote-docs-");
    write("notes.md", "# Notes\n\nThe lease of unit ZX-4471 ends on 31 March 2027.\n");
    assert.equal((await runEnclave(dataDir, ["ingest", dir, "--collection", "team", "--json", "--no-ocr"])).code, 0);
    assert.equal((await runEnclave(dataDir, ["settings", "set", "offline", "false"])).code, 0);
    assert.equal((await runEnclave(dataDir, ["settings", "set", "remoteModels", JSON.stringify([remoteModel])])).code, 0);
    // Headless, the key is the 0600 file remote.setKey writes (format of native/inference/remote-keys.ts).
    await writeFile(join(dataDir, "remote-keys.json"), JSON.stringify({ format: "enclave.remote-keys", version: 1, keys: { "team-llm": API_TOKEN } }), { mode: 0o600 });
    const asked = await runEnclave(dataDir, ["ask", QUESTION, "--collection", "team", "--remote", "team-llm", "--max-tokens", "4", "--temperature", "0", "--json"]);
    assert.equal(asked.code, 0, asked.stderr);
    const out = JSON.parse(asked.stdout) as { answer: string | null; passages: { file: string }[] };
    assert.ok(out.answer && out.answer.length > 0, "the remote model answered (no local model was loaded)");
    assert.ok(out.passages.some((p) => p.file.endsWith("notes.md")));
    const both = await runEnclave(dataDir, ["ask", QUESTION, "--collection", "team", "--remote", "team-llm", "--model", "x.gguf"]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--model or --remote, not both/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
