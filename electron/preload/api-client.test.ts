// The preload's own part: IPC glue and real file paths. What it shares with the browser client (calls,
// ids, cancel, events, errors) is tested once, in native/contract/wire/client.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createApiClient } from "./api-client.ts";

function setup(paths: Record<string, string> = {}) {
  const sent: { type: string; id: string; method?: string; input?: unknown }[] = [];
  let deliver: (message: unknown) => void = () => {};
  const errors: unknown[] = [];
  const api = createApiClient({
    channel: { send: (m) => sent.push(m as (typeof sent)[number]), onMessage: (l) => (deliver = l) },
    getPathForFile: (file) => paths[file.name] ?? "",
    reportError: (e) => errors.push(e),
  });
  return { api, sent, deliver: (m: unknown) => deliver(m), errors };
}

test("invoke sends a call and resolves with the host's output", async () => {
  const { api, sent, deliver } = setup();
  const result = api.invoke("engine.ping", {});
  assert.equal(sent[0]!.type, "call");
  assert.equal(sent[0]!.method, "engine.ping");
  deliver({ type: "result", id: sent[0]!.id, ok: true, output: { pong: true, pid: 3 } });
  assert.deepEqual(await result, { pong: true, pid: 3 });
});

test("errors reject as plain {code, message} objects (contextBridge keeps only an Error's message)", async () => {
  const { api, sent, deliver } = setup();
  const result = api.invoke("models.inspect", { model: "x" } as never, { requestId: "mine" });
  assert.equal(sent[0]!.id, "mine");
  deliver({ type: "result", id: "mine", ok: false, error: { code: "MODEL_NOT_FOUND", message: "No model x." } });
  await assert.rejects(result, (e) => {
    assert.equal(e instanceof Error, false);
    assert.deepEqual(e, { code: "MODEL_NOT_FOUND", message: "No model x." });
    return true;
  });
});

test("cancel sends a cancel for a pending call only", () => {
  const { api, sent } = setup();
  void api.invoke("chat.send", {} as never, { requestId: "c1" });
  api.cancel("c1");
  api.cancel("unknown");
  assert.deepEqual(sent.slice(1), [{ type: "cancel", id: "c1" }]);
});

test("resolveFiles gives real paths; a File with no path on disk is refused by name", async () => {
  const { api } = setup({ "a.pdf": "/home/u/a.pdf", "b.md": "/home/u/b.md" });
  const file = (name: string) => new File(["x"], name);
  assert.deepEqual(await api.resolveFiles([file("a.pdf"), file("b.md")]), ["/home/u/a.pdf", "/home/u/b.md"]);
  await assert.rejects(api.resolveFiles([file("a.pdf"), file("made-in-js.txt")]), { code: "INVALID_INPUT", message: /"made-in-js.txt" is not a file on this computer/ });
  await assert.rejects(api.resolveFiles("a.pdf" as never), { code: "INVALID_INPUT" });
});
