// The wire client's one set of tests: both front-ends (the Electron preload and the browser's
// WebSocket client) are this client plus a transport, so what is tested here holds for both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createWireClient, type OutgoingMessage } from "./client.ts";

function setup(options: { open?: () => boolean } = {}) {
  const sent: OutgoingMessage[] = [];
  const errors: unknown[] = [];
  let counter = 0;
  const client = createWireClient({
    send: (m) => {
      if (options.open && !options.open()) return false;
      sent.push(m);
      return true;
    },
    newId: () => `id-${++counter}`,
    reportError: (e) => errors.push(e),
  });
  return { client, sent, errors };
}

test("invoke sends a call with a fresh id and resolves with the host's output", async () => {
  const { client, sent } = setup();
  const result = client.invoke("engine.ping", {});
  assert.deepEqual(sent[0], { type: "call", id: "id-1", method: "engine.ping", input: {} });
  client.receive({ type: "result", id: "id-1", ok: true, output: { pong: true, pid: 3 } });
  assert.deepEqual(await result, { pong: true, pid: 3 });
});

test("errors reject as plain {code, message} objects, the one shape of both front-ends", async () => {
  const { client, sent } = setup();
  const result = client.invoke("models.inspect", { model: "x" } as never, { requestId: "mine" });
  assert.equal(sent[0]!.id, "mine");
  client.receive({ type: "result", id: "mine", ok: false, error: { code: "MODEL_NOT_FOUND", message: "No model x.", details: { ref: "x" } } });
  await assert.rejects(result, (e) => {
    assert.equal(e instanceof Error, false);
    assert.deepEqual(e, { code: "MODEL_NOT_FOUND", message: "No model x.", details: { ref: "x" } });
    return true;
  });
});

test("a malformed error from the host still rejects with a code", async () => {
  const { client, sent } = setup();
  const result = client.invoke("engine.ping", {});
  client.receive({ type: "result", id: sent[0]!.id, ok: false, error: "boom" });
  await assert.rejects(result, { code: "INTERNAL" });
});

test("an unknown method is refused before anything is sent", async () => {
  const { client, sent } = setup();
  await assert.rejects(client.invoke("fs.read" as never, { path: "/etc/passwd" } as never), { code: "UNKNOWN_METHOD", message: 'Unknown method "fs.read".' });
  assert.deepEqual(sent, []);
});

test("request ids: a busy id, an over-long one or a non-string is refused", async () => {
  const { client, sent } = setup();
  void client.invoke("engine.ping", {}, { requestId: "same" });
  await assert.rejects(client.invoke("engine.ping", {}, { requestId: "same" }), { code: "INVALID_INPUT", message: 'Request id "same" is already in use.' });
  await assert.rejects(client.invoke("engine.ping", {}, { requestId: "x".repeat(129) }), { code: "INVALID_INPUT" });
  await assert.rejects(client.invoke("engine.ping", {}, { requestId: 5 as never }), { code: "INVALID_INPUT" });
  assert.equal(sent.length, 1);
});

test("cancel sends a cancel for a call the host has; a call never sent is settled here with ABORTED", async () => {
  let open = true;
  const { client, sent } = setup({ open: () => open });
  void client.invoke("chat.send", {} as never, { requestId: "c1" });
  client.cancel("c1");
  client.cancel("unknown");
  assert.deepEqual(sent.slice(1), [{ type: "cancel", id: "c1" }]);

  open = false;
  const queued = client.invoke("engine.ping", {}, { requestId: "q1" });
  client.cancel("q1");
  await assert.rejects(queued, { code: "ABORTED" });
  open = true;
  client.flush();
  assert.equal(sent.filter((m) => m.id === "q1").length, 0, "a cancelled queued call is never sent");
});

test("calls that could not be sent wait for flush(); failAll rejects whatever is pending", async () => {
  let open = false;
  const { client, sent } = setup({ open: () => open });
  const a = client.invoke("engine.ping", {});
  assert.equal(sent.length, 0);
  open = true;
  client.flush();
  assert.deepEqual(sent.map((m) => m.type), ["call"]);
  client.failAll({ code: "ENGINE_UNAVAILABLE", message: "Lost the connection." });
  await assert.rejects(a, { code: "ENGINE_UNAVAILABLE" });
  client.receive({ type: "result", id: sent[0]!.id, ok: true, output: {} }); // late result: ignored
});

test("events reach the listeners of their name until unsubscribed; a throwing listener does not stop others", () => {
  const { client, errors } = setup();
  const got: unknown[] = [];
  client.on("chat.delta", () => {
    throw new Error("listener bug");
  });
  const off = client.on("chat.delta", (p) => got.push(p));
  client.on("progress", () => got.push("wrong"));
  client.receive({ type: "event", name: "chat.delta", payload: { text: "Hel" } });
  off();
  client.receive({ type: "event", name: "chat.delta", payload: { text: "lo" } });
  client.emit("engine.notice", { level: "info", code: "X", message: "local" });
  assert.deepEqual(got, [{ text: "Hel" }]);
  assert.equal(errors.length, 2);
});

test("on() refuses event names the contract does not have, and non-function listeners", () => {
  const { client } = setup();
  assert.throws(() => client.on("fs.changed" as never, () => {}), /Unknown event "fs.changed"/);
  assert.throws(() => client.on("progress", "nope" as never), /must be a function/);
});

test("messages that are not results or events are ignored", () => {
  const { client } = setup();
  for (const junk of [null, 3, "x", {}, { type: "result" }, { type: "event", name: 5 }]) client.receive(junk);
});
