// Load on the API server: 64 concurrent streaming requests on 4 serving sequences (loopback only).
// Each either completes or is refused with 429 at once; none hangs; none receives another's tokens
// (each request's answer is pinned by its own JSON-schema grammar to a tag only it may produce); the
// engine stays healthy; and a client that goes away mid-stream frees its sequence.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { API_TOKEN, startTestApiServer, type TestApiServer } from "./helpers/api-server.ts";

let api: TestApiServer;
const auth = { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" };

before(async () => {
  api = await startTestApiServer({ servingSequences: 4 });
});
after(async () => api?.close());

const tagged = (tag: string, extra: object = {}) => ({
  model: api.modelId,
  stream: true,
  temperature: 0,
  max_tokens: 24,
  messages: [{ role: "user", content: `Say ${tag}.` }],
  response_format: { type: "json_schema", json_schema: { name: "tag", schema: { type: "object", properties: { tag: { enum: [tag] } }, required: ["tag"] } } },
  ...extra,
});

async function streamText(res: Response): Promise<{ text: string; done: boolean; ids: Set<string> }> {
  const body = await res.text();
  const events = body.split("\n\n").filter(Boolean);
  const ids = new Set<string>();
  let text = "";
  for (const event of events) {
    if (event === "data: [DONE]") continue;
    const chunk = JSON.parse(event.slice("data: ".length)) as { id: string; choices: { delta: { content?: string } }[] };
    ids.add(chunk.id);
    text += chunk.choices[0]?.delta.content ?? "";
  }
  return { text, done: events.at(-1) === "data: [DONE]", ids };
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`gave up waiting for ${what}`);
}

test("64 concurrent streams: each completes with its own tokens or gets 429; the engine stays healthy", async () => {
  const tags = Array.from({ length: 64 }, (_, i) => `r${i}x`);
  const outcomes = await Promise.all(
    tags.map(async (tag) => {
      const res = await fetch(`${api.url}/chat/completions`, { method: "POST", headers: auth, body: JSON.stringify(tagged(tag)) });
      if (res.status === 429) {
        assert.ok(res.headers.get("retry-after"));
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, "rate_limit_exceeded");
        return { tag, status: 429 as const };
      }
      assert.equal(res.status, 200, `${tag}: ${res.status}`);
      return { tag, status: 200 as const, ...(await streamText(res)) };
    }),
  );
  const completed = outcomes.filter((o) => o.status === 200);
  const refused = outcomes.filter((o) => o.status === 429);
  assert.equal(completed.length + refused.length, 64);
  assert.ok(completed.length >= 4, `at least the serving sequences' worth completed (${completed.length})`);
  assert.ok(refused.length > 0, "beyond 4 running and 32 waiting, requests are refused");
  for (const o of completed) {
    assert.ok(o.done, `${o.tag} ended with [DONE]`);
    assert.equal(o.ids.size, 1, `${o.tag}: one completion id`);
    assert.deepEqual(JSON.parse(o.text), { tag: o.tag }, `${o.tag} got exactly its own answer`);
  }
  const status = await api.engine.client.call("completions.status", {});
  assert.deepEqual({ running: status.running, queued: status.queued }, { running: 0, queued: 0 });
  assert.ok((await api.engine.client.call("inference.status", {})).loaded, "the model is still loaded");
});

test("a client that disconnects mid-stream stops its generation and frees its sequence", async () => {
  const controller = new AbortController();
  const res = await fetch(`${api.url}/chat/completions`, {
    method: "POST",
    headers: auth,
    signal: controller.signal,
    body: JSON.stringify({ model: api.modelId, stream: true, temperature: 0, max_tokens: 100_000, messages: [{ role: "user", content: "Go on forever." }] }),
  });
  const reader = res.body!.getReader();
  await reader.read(); // the stream has started: a sequence is held
  assert.equal((await api.engine.client.call("completions.status", {})).running, 1);
  controller.abort();
  await waitFor(async () => (await api.engine.client.call("completions.status", {})).running === 0, "the sequence to come back");
  const after = await fetch(`${api.url}/chat/completions`, { method: "POST", headers: auth, body: JSON.stringify(tagged("after", { stream: false })) });
  assert.equal(after.status, 200);
  const body = (await after.json()) as { choices: { message: { content: string } }[] };
  assert.deepEqual(JSON.parse(body.choices[0]!.message.content), { tag: "after" });
});
