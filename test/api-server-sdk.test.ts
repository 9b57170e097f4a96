// The official openai SDK, unchanged, against the API server on loopback and the real engine with a
// generated model: models, chat (whole and streamed, with usage), a JSON-schema answer that parses,
// tool calls through the ChatML template, text completions, embeddings, and OpenAI-shaped errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { API_TOKEN, startTestApiServer, type TestApiServer } from "./helpers/api-server.ts";

let api: TestApiServer;
let openai: OpenAI;
const BODY_LIMIT = 256 * 1024;

before(async () => {
  api = await startTestApiServer({ bodyLimit: BODY_LIMIT });
  openai = new OpenAI({ baseURL: api.url, apiKey: API_TOKEN, maxRetries: 0 });
});
after(async () => api?.close());

test("lists the library with the loaded model marked", async () => {
  const page = await openai.models.list();
  const loaded = page.data.find((m) => m.id === api.modelId) as (OpenAI.Models.Model & { loaded?: boolean }) | undefined;
  assert.ok(loaded, "the loaded model is listed by its library id");
  assert.equal(loaded.object, "model");
  assert.equal(loaded.loaded, true);
  assert.equal((await openai.models.retrieve(api.modelId)).id, api.modelId);
});

test("chat completion, whole: text, finish reason and usage", async () => {
  const completion = await openai.chat.completions.create({
    model: api.modelId,
    messages: [{ role: "system", content: "Be terse." }, { role: "user", content: "Tell me about the sea." }],
    temperature: 0,
    max_tokens: 8,
    seed: 1,
  });
  const choice = completion.choices[0]!;
  assert.equal(completion.object, "chat.completion");
  assert.equal(choice.message.role, "assistant");
  assert.ok((choice.message.content ?? "").length > 0);
  assert.equal(choice.finish_reason, "length");
  assert.equal(completion.usage?.completion_tokens, 8);
  assert.ok((completion.usage?.prompt_tokens ?? 0) > 5);
  assert.equal(completion.usage?.total_tokens, completion.usage!.prompt_tokens + 8);
});

test("chat completion, streamed: deltas add up to the same greedy answer, usage in the last chunk", async () => {
  const request = { model: api.modelId, messages: [{ role: "user" as const, content: "Count to three." }], temperature: 0, max_completion_tokens: 10 };
  const whole = await openai.chat.completions.create(request);
  const stream = await openai.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
  let text = "";
  let finish: string | null = null;
  let usage: OpenAI.CompletionUsage | null | undefined;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.ok(chunks > 3);
  assert.equal(text, whole.choices[0]!.message.content);
  assert.equal(finish, "length");
  assert.equal(usage?.completion_tokens, 10);
});

test("a json_schema response format gives JSON that parses and fits the schema", async () => {
  const completion = await openai.chat.completions.create({
    model: api.modelId,
    messages: [{ role: "user", content: "Is the sea blue? Pick a colour." }],
    temperature: 0,
    max_tokens: 64,
    response_format: {
      type: "json_schema",
      json_schema: { name: "answer", schema: { type: "object", properties: { blue: { type: "boolean" }, colour: { enum: ["red", "green", "blue"] } }, required: ["blue", "colour"] } },
    },
  });
  const parsed = JSON.parse(completion.choices[0]!.message.content!) as { blue: unknown; colour: unknown };
  assert.equal(typeof parsed.blue, "boolean");
  assert.ok(["red", "green", "blue"].includes(parsed.colour as string));
  const object = await openai.chat.completions.create({ model: api.modelId, messages: [{ role: "user", content: "JSON please" }], temperature: 0, max_tokens: 48, response_format: { type: "json_object" } });
  assert.equal(object.choices[0]!.finish_reason === "length" || typeof JSON.parse(object.choices[0]!.message.content!) === "object", true);
});

test("tools: offered through the ChatML template's function calling; tool results go back in the history", async () => {
  const tools: OpenAI.Chat.ChatCompletionTool[] = [
    { type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } },
  ];
  const completion = await openai.chat.completions.create({ model: api.modelId, messages: [{ role: "user", content: "Weather in Oslo?" }], tools, temperature: 0, max_tokens: 24 });
  const choice = completion.choices[0]!;
  // A random-weight model rarely decides to call: either outcome must be well formed.
  if (choice.finish_reason === "tool_calls") {
    const call = choice.message.tool_calls![0]! as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    assert.equal(call.function.name, "get_weather");
    assert.equal(typeof JSON.parse(call.function.arguments), "object");
  } else assert.equal(typeof choice.message.content, "string");
  const followUp = await openai.chat.completions.create({
    model: api.modelId,
    tools,
    temperature: 0,
    max_tokens: 8,
    messages: [
      { role: "user", content: "Weather in Oslo?" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"celsius": 3}' },
    ],
  });
  assert.ok(followUp.choices[0]!.finish_reason);
  await assert.rejects(
    openai.chat.completions.create({ model: api.modelId, messages: [{ role: "user", content: "x" }], tools, tool_choice: "required" }),
    (err) => err instanceof OpenAI.BadRequestError && /required/.test(err.message),
  );
});

test("text completion, whole and streamed", async () => {
  const whole = await openai.completions.create({ model: api.modelId, prompt: "Once upon a time", max_tokens: 6, temperature: 0 });
  assert.equal(whole.object, "text_completion");
  assert.equal(whole.usage?.completion_tokens, 6);
  let text = "";
  for await (const chunk of await openai.completions.create({ model: api.modelId, prompt: "Once upon a time", max_tokens: 6, temperature: 0, stream: true })) text += chunk.choices[0]?.text ?? "";
  assert.equal(text, whole.choices[0]!.text);
});

test("embeddings: batched, by the model the request names (the chat model here), base64 and float", async () => {
  const result = await openai.embeddings.create({ model: api.modelId, input: ["the sea", "the mountains", "the sea"] });
  assert.equal(result.data.length, 3);
  const [a, b, c] = result.data.map((d) => d.embedding);
  assert.equal(a!.length, api.models.shape.nEmbd);
  assert.deepEqual(a, c, "the same text gives the same vector");
  assert.notDeepEqual(a, b);
  assert.ok(result.usage.prompt_tokens > 3);
  const float = await openai.embeddings.create({ model: api.modelId, input: "the sea", encoding_format: "float" });
  assert.deepEqual(float.data[0]!.embedding.map((x) => Math.fround(x)), a);
});

test("errors come back as the SDK's own error classes with OpenAI's codes", async () => {
  const noKey = new OpenAI({ baseURL: api.url, apiKey: "unused", maxRetries: 0, defaultHeaders: { authorization: null } });
  await assert.rejects(noKey.models.list(), (err) => err instanceof OpenAI.AuthenticationError && err.status === 401);
  const wrongKey = new OpenAI({ baseURL: api.url, apiKey: "sk-wrong-0000000000000000", maxRetries: 0 });
  await assert.rejects(wrongKey.models.list(), (err) => err instanceof OpenAI.AuthenticationError && err.code === "invalid_api_key");
  await assert.rejects(
    openai.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "hi" }] }),
    (err) => err instanceof OpenAI.NotFoundError && err.code === "model_not_found" && err.param === "model",
  );
  await assert.rejects(
    openai.chat.completions.create({ model: api.modelId, messages: [{ role: "user", content: "x".repeat(BODY_LIMIT + 1) }] }),
    (err) => err instanceof OpenAI.APIError && err.status === 413 && err.code === "request_too_large",
  );
  await assert.rejects(
    openai.chat.completions.create({ model: api.modelId, messages: [] }),
    (err) => err instanceof OpenAI.BadRequestError && err.param === "messages",
  );
});
