import { test } from "node:test";
import assert from "node:assert/strict";
import { methods } from "../../native/contract/index.ts";
import { shellMethods } from "../../native/contract/shell.ts";
import { events } from "../../native/contract/events.ts";
import { isApiMethod, isEventName } from "./allow-list.ts";
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

test("the allow-list is exactly the contract's methods, shell methods and events", () => {
  for (const name of [...Object.keys(methods), ...Object.keys(shellMethods)]) assert.ok(isApiMethod(name), name);
  for (const name of Object.keys(events)) assert.ok(isEventName(name), name);
  for (const bad of ["fs.read", "constructor", "__proto__", "toString", "", 42, null]) {
    assert.equal(isApiMethod(bad), false, String(bad));
    assert.equal(isEventName(bad), false, String(bad));
  }
});

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

test("an unknown method is refused in the preload, before anything is sent", async () => {
  const { api, sent } = setup();
  await assert.rejects(api.invoke("fs.read" as never, { path: "/etc/passwd" } as never), { code: "UNKNOWN_METHOD", message: 'Unknown method "fs.read".' });
  assert.deepEqual(sent, []);
});

test("request ids: a busy id or a bad one is refused", async () => {
  const { api, sent } = setup();
  void api.invoke("engine.ping", {}, { requestId: "same" });
  await assert.rejects(api.invoke("engine.ping", {}, { requestId: "same" }), { code: "INVALID_INPUT" });
  await assert.rejects(api.invoke("engine.ping", {}, { requestId: "x".repeat(129) }), { code: "INVALID_INPUT" });
  await assert.rejects(api.invoke("engine.ping", {}, { requestId: 5 as never }), { code: "INVALID_INPUT" });
  assert.equal(sent.length, 1);
});

test("a malformed error from the host still rejects with a code", async () => {
  const { api, sent, deliver } = setup();
  const result = api.invoke("engine.ping", {});
  deliver({ type: "result", id: sent[0]!.id, ok: false, error: "boom" });
  await assert.rejects(result, { code: "INTERNAL" });
});

test("cancel sends a cancel for a pending call only", () => {
  const { api, sent } = setup();
  void api.invoke("chat.send", {} as never, { requestId: "c1" });
  api.cancel("c1");
  api.cancel("unknown");
  assert.deepEqual(sent.slice(1), [{ type: "cancel", id: "c1" }]);
});

test("events reach the listeners of their name until unsubscribed; a throwing listener does not stop others", () => {
  const { api, deliver, errors } = setup();
  const got: unknown[] = [];
  api.on("chat.delta", () => {
    throw new Error("listener bug");
  });
  const off = api.on("chat.delta", (p) => got.push(p));
  api.on("progress", () => got.push("wrong"));
  deliver({ type: "event", name: "chat.delta", payload: { text: "Hel" } });
  off();
  deliver({ type: "event", name: "chat.delta", payload: { text: "lo" } });
  assert.deepEqual(got, [{ text: "Hel" }]);
  assert.equal(errors.length, 2);
});

test("on() refuses event names the contract does not have", () => {
  const { api } = setup();
  assert.throws(() => api.on("fs.changed" as never, () => {}), /Unknown event "fs.changed"/);
  assert.throws(() => api.on("progress", "nope" as never), /must be a function/);
});

test("resolveFiles gives real paths; a File with no path on disk is refused by name", async () => {
  const { api } = setup({ "a.pdf": "/home/u/a.pdf", "b.md": "/home/u/b.md" });
  const file = (name: string) => new File(["x"], name);
  assert.deepEqual(await api.resolveFiles([file("a.pdf"), file("b.md")]), ["/home/u/a.pdf", "/home/u/b.md"]);
  await assert.rejects(api.resolveFiles([file("a.pdf"), file("made-in-js.txt")]), { code: "INVALID_INPUT", message: /"made-in-js.txt" is not a file on this computer/ });
  await assert.rejects(api.resolveFiles("a.pdf" as never), { code: "INVALID_INPUT" });
});
