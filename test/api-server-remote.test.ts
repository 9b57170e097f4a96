// A remote backend: engine B has no model of its own and names a model served by a second Enclave
// (engine A behind its API server on loopback, standing in for vLLM or llama.cpp's server). Chat,
// streaming and embeddings go through B's router and B's own API server to A; a bad key and offline
// mode are refused clearly.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { API_TOKEN, startTestApiServer, type TestApiServer } from "./helpers/api-server.ts";
import { startTestEngine, type TestEngine } from "./helpers/engine.ts";
import { startApiServer, type StartedApiServer } from "../native/server/start.ts";
import { isEngineError } from "../native/contract/errors.ts";

let upstream: TestApiServer;
let local: TestEngine;
let localServer: StartedApiServer;
let openai: OpenAI;
const LOCAL_TOKEN = "sk-enclave-local-token-000000000";

before(async () => {
  upstream = await startTestApiServer();
  local = await startTestEngine();
  // A fresh install is offline; a remote backend is used only once the user goes online.
  await local.client.call("settings.update", { offline: false, remoteModels: [{ id: "team-llm", baseUrl: upstream.url, model: upstream.modelId }] });
  assert.deepEqual(await local.client.call("remote.setKey", { id: "team-llm", key: API_TOKEN }), { id: "team-llm", hasKey: true });
  localServer = await startApiServer({ client: local.client, token: LOCAL_TOKEN, host: "127.0.0.1", port: 0 });
  openai = new OpenAI({ baseURL: localServer.url, apiKey: LOCAL_TOKEN, maxRetries: 0 });
});
after(async () => {
  await localServer?.close();
  await local?.close();
  await upstream?.close();
});

test("the remote model is listed and answers chat, whole and streamed, through the local router", async () => {
  const listed = await openai.models.list();
  assert.ok(listed.data.some((m) => m.id === "team-llm"));
  const request = { model: "team-llm", messages: [{ role: "user" as const, content: "Tell me about the sea." }], temperature: 0, max_tokens: 6 };
  const whole = await openai.chat.completions.create(request);
  assert.equal(whole.usage?.completion_tokens, 6);
  assert.equal(whole.choices[0]!.finish_reason, "length");
  let text = "";
  for await (const chunk of await openai.chat.completions.create({ ...request, stream: true })) text += chunk.choices[0]?.delta.content ?? "";
  assert.equal(text, whole.choices[0]!.message.content, "streamed deltas add up to the same greedy answer");
  const direct = await local.client.call("completions.chat", { model: "team-llm", messages: [{ role: "user", content: "Tell me about the sea." }], options: { temperature: 0, maxTokens: 6 } });
  assert.equal(direct.text, text);
});

test("embeddings go to the remote model", async () => {
  const result = await openai.embeddings.create({ model: "team-llm", input: ["the sea", "the hills"] });
  assert.equal(result.data.length, 2);
  assert.equal(result.data[0]!.embedding.length, upstream.models.shape.nEmbd);
});

test("a wrong key is a permission error naming the key; offline mode refuses before any request", async () => {
  await local.client.call("remote.setKey", { id: "team-llm", key: "sk-wrong-key-00000000000" });
  try {
    await assert.rejects(
      local.client.call("completions.chat", { model: "team-llm", messages: [{ role: "user", content: "hi" }] }),
      (err) => isEngineError(err, "PERMISSION_DENIED") && /API key/.test(err.message),
    );
  } finally {
    await local.client.call("remote.setKey", { id: "team-llm", key: API_TOKEN });
  }
  await local.client.call("settings.update", { offline: true });
  try {
    await assert.rejects(
      openai.chat.completions.create({ model: "team-llm", messages: [{ role: "user", content: "hi" }] }),
      (err) => err instanceof OpenAI.PermissionDeniedError && err.code === "offline" && /offline mode is on/.test(err.message),
    );
  } finally {
    await local.client.call("settings.update", { offline: false });
  }
});
