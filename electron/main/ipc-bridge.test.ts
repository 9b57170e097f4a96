import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { IpcMainEvent } from "electron";
import type { CallOptions, EngineClient } from "../../native/client/types.ts";
import type { EventPayload } from "../../native/contract/events.ts";
import { BRIDGE_CHANNEL } from "../../native/contract/api.ts";
import { createShellHandlers } from "./shell-handlers.ts";
import { installIpcBridge, type BridgeContents, type IpcLike } from "./ipc-bridge.ts";

const APP = "app://enclave/index.html";

/** An engine client whose calls wait until the test settles them. */
function fakeClient() {
  const calls: { method: string; input: unknown; options: CallOptions; resolve(v: unknown): void }[] = [];
  const notices = new Set<(p: EventPayload<"engine.notice">) => void>();
  const client: EngineClient = {
    call: ((method: string, input: unknown, options: CallOptions = {}) =>
      new Promise((resolve, reject) => {
        calls.push({ method, input, options, resolve });
        options.signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
      })) as EngineClient["call"],
    onNotice: (listener) => {
      notices.add(listener);
      return () => notices.delete(listener);
    },
    close: async () => {},
  };
  return { client, calls, notice: (p: EventPayload<"engine.notice">) => notices.forEach((l) => l(p)) };
}

class FakeContents extends EventEmitter {
  sent: unknown[] = [];
  destroyed = false;
  mainFrame = { frameToken: "main", url: APP };
  constructor(readonly id: number) {
    super();
  }
  send(channel: string, message: unknown) {
    assert.equal(channel, BRIDGE_CHANNEL.toFront);
    this.sent.push(message);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function setup() {
  const ipc = new EventEmitter();
  const engine = fakeClient();
  const window = new FakeContents(1);
  const logs: string[] = [];
  const bridge = installIpcBridge({
    ipc: ipc as unknown as IpcLike,
    client: engine.client,
    appUrl: APP,
    isAppWindow: (c) => c === (window as unknown as BridgeContents),
    shellFor: () =>
      createShellHandlers({
        showOpenDialog: async () => ({ canceled: false, filePaths: ["/docs/a.pdf"] }),
        showMessageBox: async () => ({ response: 1 }),
        openExternal: async () => {},
      }),
    log: (line) => logs.push(line),
  });
  const post = (message: unknown, from: { sender?: FakeContents; frame?: { url: string; frameToken: string } | null } = {}) => {
    const sender = from.sender ?? window;
    const frame = from.frame === undefined ? sender.mainFrame : from.frame;
    ipc.emit(BRIDGE_CHANNEL.toHost, { sender, senderFrame: frame } as unknown as IpcMainEvent, message);
  };
  return { ipc, engine, window, logs, bridge, post };
}

const tick = () => new Promise((r) => setImmediate(r));

test("a call from the app window reaches the engine and its result comes back to that window", async () => {
  const { engine, window, post } = setup();
  post({ type: "call", id: "r1", method: "engine.ping", input: {} });
  await tick();
  assert.equal(engine.calls[0]!.method, "engine.ping");
  engine.calls[0]!.resolve({ pong: true, pid: 7 });
  await tick();
  assert.deepEqual(window.sent, [{ type: "result", id: "r1", ok: true, output: { pong: true, pid: 7 } }]);
});

test("messages from a foreign page, a subframe, another webContents or a vanished frame are dropped and logged", async () => {
  const { engine, window, logs, post } = setup();
  const call = { type: "call", id: "x", method: "engine.ping", input: {} };
  post(call, { frame: { url: "https://evil.example/", frameToken: "main" } });
  post(call, { frame: { url: APP, frameToken: "child" } });
  post(call, { sender: new FakeContents(9) });
  post(call, { frame: null });
  await tick();
  assert.equal(engine.calls.length, 0);
  assert.deepEqual(window.sent, []);
  assert.equal(logs.length, 4);
  assert.ok(logs.every((l) => l.startsWith("bridge: dropped a message from")));
});

test("an unknown method is refused with UNKNOWN_METHOD, never reaching the engine", async () => {
  const { engine, window, post } = setup();
  post({ type: "call", id: "r2", method: "fs.read", input: { path: "/etc/passwd" } });
  await tick();
  assert.equal(engine.calls.length, 0);
  assert.equal((window.sent[0] as { error: { code: string } }).error.code, "UNKNOWN_METHOD");
});

test("shell methods are answered by the main process", async () => {
  const { engine, window, post } = setup();
  post({ type: "call", id: "s1", method: "shell.pickPaths", input: { purpose: "documents" } });
  await tick();
  await tick();
  assert.equal(engine.calls.length, 0);
  assert.deepEqual(window.sent, [{ type: "result", id: "s1", ok: true, output: { paths: ["/docs/a.pdf"] } }]);
});

test("engine notices (restarts) are forwarded to the window", async () => {
  const { engine, window, post } = setup();
  post({ type: "cancel", id: "none" }); // the session exists from the window's first message
  engine.notice({ level: "warning", code: "ENGINE_RESTARTED", message: "The engine crashed and was restarted." });
  assert.deepEqual(window.sent, [{ type: "event", name: "engine.notice", payload: { level: "warning", code: "ENGINE_RESTARTED", message: "The engine crashed and was restarted." } }]);
});

test("closing the window cancels its calls and nothing more is sent to it", async () => {
  const { engine, window, post } = setup();
  post({ type: "call", id: "long", method: "engine.ping", input: {} });
  await tick();
  const signal = engine.calls[0]!.options.signal!;
  window.destroyed = true;
  window.emit("destroyed");
  assert.equal(signal.aborted, true);
  await tick();
  assert.deepEqual(window.sent, []);
});

test("a reload ends the old page's session; the new page gets a fresh one", async () => {
  const { engine, window, post } = setup();
  post({ type: "call", id: "a", method: "engine.ping", input: {} });
  await tick();
  window.emit("did-navigate");
  assert.equal(engine.calls[0]!.options.signal!.aborted, true);
  // The same id is free again in the new page's session.
  post({ type: "call", id: "a", method: "engine.ping", input: {} });
  await tick();
  assert.equal(engine.calls.length, 2);
  engine.calls[1]!.resolve({ pong: true, pid: 1 });
  await tick();
  assert.deepEqual(window.sent, [{ type: "result", id: "a", ok: true, output: { pong: true, pid: 1 } }]);
});

test("reloads do not pile up listeners on the window: one per lifecycle event", async () => {
  const { window, post } = setup();
  for (let page = 0; page < 12; page++) {
    post({ type: "call", id: `p${page}`, method: "engine.ping", input: {} });
    await tick();
    window.emit("did-navigate");
  }
  for (const event of ["destroyed", "did-navigate", "render-process-gone"]) assert.equal(window.listenerCount(event), 1, event);
});

test("a crashed renderer's calls are cancelled", async () => {
  const { engine, window, post } = setup();
  post({ type: "call", id: "a", method: "engine.ping", input: {} });
  await tick();
  window.emit("render-process-gone");
  assert.equal(engine.calls[0]!.options.signal!.aborted, true);
});

test("dispose stops listening", async () => {
  const { engine, bridge, post } = setup();
  bridge.dispose();
  post({ type: "call", id: "late", method: "engine.ping", input: {} });
  await tick();
  assert.equal(engine.calls.length, 0);
});
