// The supervisor against a real engine process: a crash fails the calls in flight with
// ENGINE_CRASHED (no caller hangs), the engine comes back, and the next call succeeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isEngineError } from "../native/contract/errors.ts";
import { startTestEngine } from "./helpers/engine.ts";

test("engine answers, validates input, and rejects unknown methods", async () => {
  const engine = await startTestEngine();
  try {
    const info = await engine.client.call("engine.info", {});
    assert.equal(info.dataDir, engine.dataDir);
    assert.equal(info.pid, engine.client.pid);
    await assert.rejects(engine.client.call("engine.ping", { delayMs: -5 }), (err) => isEngineError(err, "INVALID_INPUT"));
    await assert.rejects(engine.client.call("no.such.method" as "engine.ping", {}), (err) => isEngineError(err, "UNKNOWN_METHOD"));
  } finally {
    await engine.close();
  }
});

test("a cancelled call rejects with ABORTED and the engine keeps serving", async () => {
  const engine = await startTestEngine();
  try {
    const controller = new AbortController();
    const pending = engine.client.call("engine.ping", { delayMs: 30_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (err) => isEngineError(err, "ABORTED"));
    assert.equal((await engine.client.call("engine.ping", {})).pong, true);
  } finally {
    await engine.close();
  }
});

test("a killed engine fails calls in flight with ENGINE_CRASHED and is restarted", async () => {
  const engine = await startTestEngine();
  try {
    const notices: string[] = [];
    engine.client.onNotice((n) => notices.push(n.code ?? n.message));
    const firstPid = engine.client.pid;
    const inFlight = engine.client.call("engine.ping", { delayMs: 30_000 });
    await new Promise((r) => setTimeout(r, 100));
    engine.client.kill("SIGKILL");
    await assert.rejects(inFlight, (err) => isEngineError(err, "ENGINE_CRASHED"));
    const after = await engine.client.call("engine.ping", {});
    assert.notEqual(after.pid, firstPid);
    assert.equal(engine.client.restarts, 1);
    assert.deepEqual(notices, ["ENGINE_CRASHED"]);
  } finally {
    await engine.close();
  }
});
