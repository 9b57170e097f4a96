// The API server at the HTTP level, where the SDK would hide mistakes: SSE framing and headers, the
// error body's exact shape, CORS closed by default and open only to listed origins, unknown routes,
// and request logs that never carry prompt text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { API_TOKEN, startTestApiServer, type TestApiServer } from "./helpers/api-server.ts";
import type { RequestLogEntry } from "../native/server/app.ts";

let api: TestApiServer;
const logs: RequestLogEntry[] = [];
const ALLOWED = "http://tools.example";
const auth = { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" };

before(async () => {
  api = await startTestApiServer({ corsOrigins: [ALLOWED], metrics: true, onRequestLogged: (entry) => logs.push(entry) });
});
after(async () => api?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = auth): Promise<Response> =>
  fetch(`${api.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });

test("a streamed chat is SSE: event-stream headers, one JSON object per data line, ending data: [DONE]", async () => {
  const secret = "the password is swordfish";
  const res = await post("/chat/completions", { model: api.modelId, messages: [{ role: "user", content: secret }], stream: true, max_tokens: 5, temperature: 0, stream_options: { include_usage: true } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  const body = await res.text();
  assert.ok(body.endsWith("data: [DONE]\n\n"), "ends with [DONE]");
  const events = body.split("\n\n").filter(Boolean);
  assert.ok(events.every((e) => e.startsWith("data: ") && !e.slice(6).includes("\n")), "each event is one data line");
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as { id: string; object: string; choices: { delta: { role?: string } ; finish_reason: string | null }[]; usage: unknown });
  assert.ok(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === chunks[0]!.id), "one id for the whole stream");
  assert.equal(chunks[0]!.choices[0]!.delta.role, "assistant");
  const last = chunks.at(-1)!;
  assert.deepEqual(last.choices, []);
  assert.deepEqual((last.usage as { completion_tokens: number }).completion_tokens, 5);
  assert.equal(chunks.at(-2)!.choices[0]!.finish_reason, "length");
  const logged = logs.find((l) => l.route === "/v1/chat/completions");
  assert.ok(logged, "the request was logged");
  assert.equal(logged.completionTokens, 5);
  assert.ok(!JSON.stringify(logs).includes("swordfish"), "no prompt text in the request log");
});

test("errors have exactly OpenAI's shape; unknown routes are 404 in that shape", async () => {
  const res = await post("/chat/completions", { model: "nope", messages: [{ role: "user", content: "hi" }], stream: true });
  assert.equal(res.status, 404, "a refused stream still gets its status, not a 200 with an error inside");
  assert.deepEqual(Object.keys(((await res.json()) as { error: object }).error).sort(), ["code", "message", "param", "type"]);
  const missing = await fetch(`${api.url}/nothing`, { headers: auth });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: { type: string } }).error.type, "invalid_request_error");
  const badJson = await fetch(`${api.url}/chat/completions`, { method: "POST", headers: auth, body: "{not json" });
  assert.equal(badJson.status, 400);
  const noAuth = await fetch(`${api.url}/models`);
  assert.equal(noAuth.status, 401);
  assert.equal(((await noAuth.json()) as { error: { type: string } }).error.type, "invalid_request_error");
});

test("CORS: listed origins get the headers and a preflight; others get none", async () => {
  const preflight = await fetch(`${api.url}/chat/completions`, {
    method: "OPTIONS",
    headers: { origin: ALLOWED, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
  });
  assert.ok(preflight.status === 204 || preflight.status === 200);
  assert.equal(preflight.headers.get("access-control-allow-origin"), ALLOWED);
  const allowed = await fetch(`${api.url}/models`, { headers: { ...auth, origin: ALLOWED } });
  assert.equal(allowed.headers.get("access-control-allow-origin"), ALLOWED);
  const other = await fetch(`${api.url}/models`, { headers: { ...auth, origin: "http://evil.example" } });
  assert.equal(other.headers.get("access-control-allow-origin"), null);
  // Streams keep the CORS headers fastify set before the stream took the response over.
  const stream = await post("/chat/completions", { model: api.modelId, messages: [{ role: "user", content: "hi" }], stream: true, max_tokens: 2 }, { ...auth, origin: ALLOWED });
  assert.equal(stream.headers.get("access-control-allow-origin"), ALLOWED);
  await stream.text();
});

test("CORS is closed when no origin is listed", async () => {
  const closed = await startTestApiServer({});
  try {
    const res = await fetch(`${closed.url}/models`, { headers: { ...auth, origin: ALLOWED } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    const preflight = await fetch(`${closed.url}/models`, { method: "OPTIONS", headers: { origin: ALLOWED, "access-control-request-method": "GET" } });
    assert.equal(preflight.headers.get("access-control-allow-origin"), null);
    const metrics = await fetch(`${closed.url.replace(/\/v1$/, "")}/metrics`, { headers: auth });
    assert.equal(metrics.status, 404, "metrics are off by default");
  } finally {
    await closed.close();
  }
});

test("Prometheus metrics: requests by route and status, tokens, TTFT, queue and loaded model", async () => {
  const res = await fetch(`${api.url.replace(/\/v1$/, "")}/metrics`, { headers: auth });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /enclave_api_requests_total\{route="\/v1\/chat\/completions",method="POST",status="200"\} \d+/);
  assert.match(text, /enclave_api_tokens_total\{direction="completion"\} [1-9]/);
  assert.match(text, /enclave_api_time_to_first_token_seconds_count [1-9]/);
  assert.match(text, /enclave_api_queue_depth 0/);
  assert.match(text, new RegExp(`enclave_loaded_model_info\\{model="${api.modelId}"`));
  const unauthorised = await fetch(`${api.url.replace(/\/v1$/, "")}/metrics`);
  assert.equal(unauthorised.status, 401);
});
