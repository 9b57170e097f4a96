// The bridge session against a fake EngineClient (the real engine is exercised through it by the web
// host and e2e tests): message checks, unknown methods, shell dispatch, event tagging, cancellation.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { CallOptions, EngineClient } from "../client/types.ts";
import type { FromEngineMessage } from "../transport/protocol.ts";
import { createBridgeSession, type ShellHandlers } from "./session.ts";

function fakeClient() {
  const calls: { method: string; input: unknown; options: CallOptions | undefined }[] = [];
  let notice: ((p: { level: "info" | "warning" | "error"; message: string }) => void) | undefined;
  const client: EngineClient = {
    call: ((method: string, input: unknown, options?: CallOptions) => {
      calls.push({ method, input, options });
      if (method === "engine.ping") {
        options?.onEvent?.("progress", { requestId: "engine-side-id", task: "load", fraction: 0.5 });
        return new Promise<unknown>((resolve, reject) => {
          const timer = setTimeout(() => resolve({ pong: true, pid: 1 }), (input as { delayMs?: number }).delayMs ?? 0);
          options?.signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
          });
        });
      }
      return Promise.resolve({});
    }) as unknown as EngineClient["call"],
    onNotice: (listener) => {
      notice = listener;
      return () => (notice = undefined);
    },
    close: () => Promise.resolve(),
  };
  return { client, calls, notify: (message: string) => notice?.({ level: "warning", message }) };
}

const shell: ShellHandlers = {
  "shell.capabilities": () => Promise.resolve({ host: "web", fileDialogs: false, uploads: true, openExternal: false }),
  "shell.pickPaths": () => Promise.resolve({ paths: ["/a"] }),
  "shell.openExternal": () => Promise.resolve({ opened: false }),
};

function setup() {
  const fake = fakeClient();
  const sent: FromEngineMessage[] = [];
  const errors: string[] = [];
  const session = createBridgeSession({ client: fake.client, shell, send: (m) => sent.push(m), onProtocolError: (r) => errors.push(r) });
  const result = (id: string) =>
    new Promise<FromEngineMessage>((resolve) => {
      const poll = () => {
        const found = sent.find((m) => m.type === "result" && m.id === id);
        if (found) resolve(found);
        else setTimeout(poll, 1);
      };
      poll();
    });
  return { ...fake, sent, errors, session, result };
}

test("an unknown method is refused with UNKNOWN_METHOD and never reaches the engine", async () => {
  const s = setup();
  s.session.handle({ type: "call", id: "1", method: "fs.readFile", input: { path: "/etc/passwd" } });
  const r = await s.result("1");
  assert.equal(r.type === "result" && !r.ok && r.error.code, "UNKNOWN_METHOD");
  assert.equal(s.calls.length, 0);
});

test("malformed messages: answered when they carry an id, dropped and reported when not", async () => {
  const s = setup();
  s.session.handle({ type: "call", id: "2", method: 42 });
  const r = await s.result("2");
  assert.equal(r.type === "result" && !r.ok && r.error.code, "INVALID_INPUT");
  s.session.handle("not an object");
  s.session.handle(null);
  assert.equal(s.errors.length, 2);
});

test("shell methods are validated and answered by the host", async () => {
  const s = setup();
  s.session.handle({ type: "call", id: "3", method: "shell.capabilities", input: {} });
  const ok = await s.result("3");
  assert.deepEqual(ok.type === "result" && ok.ok && ok.output, { host: "web", fileDialogs: false, uploads: true, openExternal: false });
  s.session.handle({ type: "call", id: "4", method: "shell.openExternal", input: { url: "file:///etc/passwd" } });
  const bad = await s.result("4");
  assert.equal(bad.type === "result" && !bad.ok && bad.error.code, "INVALID_INPUT");
});

test("per-call events carry the front-end's request id; cancel aborts the call", async () => {
  const s = setup();
  s.session.handle({ type: "call", id: "front-7", method: "engine.ping", input: { delayMs: 10_000 } });
  const event = s.sent.find((m) => m.type === "event");
  assert.deepEqual(event, { type: "event", name: "progress", payload: { requestId: "front-7", task: "load", fraction: 0.5 } });
  s.session.handle({ type: "cancel", id: "front-7" });
  const r = await s.result("front-7");
  assert.equal(r.type === "result" && !r.ok && r.error.code, "ABORTED");
});

test("a reused request id is refused; close cancels running calls and stops notices", async () => {
  const s = setup();
  s.session.handle({ type: "call", id: "8", method: "engine.ping", input: { delayMs: 10_000 } });
  s.session.handle({ type: "call", id: "8", method: "engine.ping", input: {} });
  const dup = await s.result("8");
  assert.equal(dup.type === "result" && !dup.ok && dup.error.code, "INVALID_INPUT");
  s.notify("engine restarted");
  assert.ok(s.sent.some((m) => m.type === "event" && m.name === "engine.notice"));
  const before = s.sent.length;
  s.session.close();
  s.notify("after close");
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(s.sent.length, before, "nothing is sent after close");
  assert.equal(s.calls[0]?.options?.signal?.aborted, true);
});
