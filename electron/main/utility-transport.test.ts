import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { ForkOptions } from "electron";
import { createUtilityTransportFactory, ENGINE_SERVICE_NAME, type UtilityChild } from "./utility-transport.ts";

class FakeUtility extends EventEmitter implements UtilityChild {
  pid: number | undefined = 4242;
  posted: unknown[] = [];
  politeKills = 0;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.politeKills++;
    return true;
  }
}

function setup() {
  const forks: { modulePath: string; args: string[]; options: ForkOptions; child: FakeUtility }[] = [];
  const signals: [number, string][] = [];
  const factory = createUtilityTransportFactory({
    entry: "/app/dist/native/engine/main.js",
    fork: (modulePath, args, options) => {
      const child = new FakeUtility();
      forks.push({ modulePath, args, options, child });
      return child;
    },
    signalPid: (pid, signal) => void signals.push([pid, signal]),
  });
  return { factory, forks, signals };
}

test("forks the built engine with its data dir, CPU flag, service name and env", () => {
  const { factory, forks } = setup();
  factory({ dataDir: "/data", gpu: false, env: { ENCLAVE_THREADS: "2", UNSET: undefined } });
  const { modulePath, args, options } = forks[0]!;
  assert.equal(modulePath, "/app/dist/native/engine/main.js");
  assert.deepEqual(args, ["--data-dir", "/data", "--cpu"]);
  assert.equal(options.serviceName, ENGINE_SERVICE_NAME);
  assert.deepEqual(options.stdio, ["ignore", "inherit", "inherit"]);
  const env = options.env as Record<string, string>;
  assert.equal(env.ENCLAVE_THREADS, "2");
  assert.equal("UNSET" in env, false, "unset variables are not passed as the string 'undefined'");
  factory({ dataDir: "/data", gpu: "auto" });
  assert.deepEqual(forks[1]!.args, ["--data-dir", "/data"]);
});

test("messages go both ways through postMessage and the 'message' event", () => {
  const { factory, forks } = setup();
  const transport = factory({ dataDir: "/d" });
  const received: unknown[] = [];
  transport.onMessage((m) => received.push(m));
  transport.send({ type: "call", id: "1", method: "engine.ping", input: {} });
  forks[0]!.child.emit("message", { type: "ready", pid: 4242, version: "0.1.0" });
  assert.deepEqual(forks[0]!.child.posted, [{ type: "call", id: "1", method: "engine.ping", input: {} }]);
  assert.deepEqual(received, [{ type: "ready", pid: 4242, version: "0.1.0" }]);
  assert.equal(transport.pid, 4242);
});

test("an exit is reported with its code; nothing is sent or killed after it", () => {
  const { factory, forks, signals } = setup();
  const transport = factory({ dataDir: "/d" });
  const exits: unknown[] = [];
  transport.onExit((info) => exits.push(info));
  const child = forks[0]!.child;
  child.emit("exit", 134);
  assert.deepEqual(exits, [{ code: 134, signal: null }]);
  transport.send({ type: "shutdown" });
  transport.kill("SIGKILL");
  assert.deepEqual(child.posted, []);
  assert.deepEqual(signals, []);
  assert.equal(child.politeKills, 0);
});

test("SIGTERM asks the utility process to stop; SIGKILL is really a SIGKILL to its pid", () => {
  const { factory, forks, signals } = setup();
  const transport = factory({ dataDir: "/d" });
  transport.kill();
  assert.equal(forks[0]!.child.politeKills, 1);
  transport.kill("SIGKILL");
  assert.deepEqual(signals, [[4242, "SIGKILL"]]);
});

test("a SIGKILL before the process has a pid falls back to kill()", () => {
  const { factory, forks, signals } = setup();
  const transport = factory({ dataDir: "/d" });
  forks[0]!.child.pid = undefined;
  transport.kill("SIGKILL");
  assert.deepEqual(signals, []);
  assert.equal(forks[0]!.child.politeKills, 1);
});

test("a V8 fatal error is logged; the exit that follows is what reports the crash", () => {
  const lines: string[] = [];
  let child: FakeUtility | undefined;
  const factory = createUtilityTransportFactory({
    entry: "/e.js",
    fork: () => (child = new FakeUtility()),
    log: (l) => lines.push(l),
  });
  const exits: unknown[] = [];
  factory({ dataDir: "/d" }).onExit((i) => exits.push(i));
  child!.emit("error", "FatalError", "v8::Heap", "{}");
  assert.deepEqual(exits, []);
  assert.match(lines[0]!, /FatalError at v8::Heap/);
});
