// The supervisor's lifecycle with scripted fake engines (no processes): what happens on a crash,
// a failed start, and close() at awkward moments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../contract/errors.ts";
import type { ToEngineMessage } from "../transport/protocol.ts";
import type { EngineTransport, ExitInfo } from "../transport/types.ts";
import { RestartPolicy } from "./restart-policy.ts";
import { SupervisedEngineClient } from "./supervised-client.ts";

/** A fake engine: answers ping, can be told to die at start or later. */
class FakeEngine implements EngineTransport {
  static created: FakeEngine[] = [];
  readonly pid = 1000 + FakeEngine.created.length;
  #message: ((m: unknown) => void)[] = [];
  #exit: ((i: ExitInfo) => void)[] = [];
  exited = false;
  constructor(dieAtStart: boolean) {
    FakeEngine.created.push(this);
    setTimeout(() => (dieAtStart ? this.die() : this.#emit({ type: "ready", pid: this.pid, version: "test" })), 5);
  }
  send(message: ToEngineMessage) {
    if (this.exited) return;
    if (message.type === "call") setTimeout(() => this.#emit({ type: "result", id: message.id, ok: true, output: { pong: true, pid: this.pid } }), 1);
    if (message.type === "shutdown") setTimeout(() => this.die(0), 1);
  }
  onMessage(l: (m: unknown) => void) {
    this.#message.push(l);
  }
  onExit(l: (i: ExitInfo) => void) {
    this.#exit.push(l);
  }
  kill() {
    this.die();
  }
  die(code: number | null = null) {
    if (this.exited) return;
    this.exited = true;
    for (const l of this.#exit) l({ code, signal: code === null ? "SIGKILL" : null });
  }
  #emit(m: unknown) {
    if (!this.exited) for (const l of this.#message) l(m);
  }
}

const fastPolicy = () => new RestartPolicy({ maxCrashes: 3, windowMs: 60_000, baseDelayMs: 5, maxDelayMs: 5 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(plan: boolean[]) {
  FakeEngine.created = [];
  let n = 0;
  return SupervisedEngineClient.start({ dataDir: "/nowhere", policy: fastPolicy(), createTransport: () => new FakeEngine(plan[n++] ?? false) });
}

test("a first start that fails is reported and not retried", async () => {
  await assert.rejects(start([true]), (err) => isEngineError(err, "ENGINE_UNAVAILABLE"));
  await sleep(30);
  assert.equal(FakeEngine.created.length, 1);
});

test("a crash is followed by a restart; a restart that dies while starting is retried", async () => {
  const client = await start([false, true, false]);
  FakeEngine.created[0]!.die();
  const pong = await client.call("engine.ping", {});
  assert.equal(pong.pid, FakeEngine.created[2]!.pid);
  assert.equal(client.restarts, 2);
  await client.close();
});

test("close right after a crash returns at once and starts no new engine", async () => {
  const client = await start([false, false]);
  FakeEngine.created[0]!.die();
  const started = Date.now();
  await client.close();
  assert.ok(Date.now() - started < 1000, "close does not wait for an engine that is already gone");
  await sleep(30);
  assert.equal(FakeEngine.created.length, 1, "the scheduled restart was dropped");
  await assert.rejects(client.call("engine.ping", {}), (err) => isEngineError(err, "ENGINE_UNAVAILABLE"));
});

test("a crash loop ends in ENGINE_UNAVAILABLE with a notice", async () => {
  const client = await start([false, true, true, true, true, true]);
  const notices: string[] = [];
  client.onNotice((n) => notices.push(n.code ?? ""));
  FakeEngine.created[0]!.die();
  await assert.rejects(client.call("engine.ping", {}), (err) => isEngineError(err, "ENGINE_UNAVAILABLE"));
  assert.equal(notices.at(-1), "ENGINE_UNAVAILABLE");
  await client.close();
});
