// The utilityProcess transport driving a real engine under the real supervisor. Electron's
// UtilityProcess is played by a Node child process with the same surface (postMessage, 'message',
// 'exit' with a code, kill() = SIGTERM, pid), so what is tested is ours: the arguments, the message
// plumbing, SIGKILL reaching the pid, and exit reporting that makes the supervisor restart the engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SupervisedEngineClient } from "../../native/client/supervised-client.ts";
import { isEngineError } from "../../native/contract/errors.ts";
import { engineEntryPath } from "../../native/transport/node-transport.ts";
import { createUtilityTransportFactory } from "../../electron/main/utility-transport.ts";
import { forkAsUtility } from "./node-utility.ts";

test("the engine in a (stand-in) utility process: calls, a SIGKILL crash, ENGINE_CRASHED, restart, notice", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-utility-"));
  const forks: string[][] = [];
  const client = await SupervisedEngineClient.start({
    dataDir,
    gpu: false,
    env: { ENCLAVE_THREADS: "1" },
    createTransport: createUtilityTransportFactory({
      entry: engineEntryPath(),
      fork: (modulePath, args, options) => {
        forks.push(args);
        return forkAsUtility(modulePath, args, options);
      },
    }),
  });
  try {
    assert.deepEqual(forks[0], ["--data-dir", dataDir, "--cpu"]);
    const info = await client.call("engine.info", {});
    assert.equal(info.dataDir, dataDir);
    const notices: string[] = [];
    client.onNotice((n) => notices.push(n.message));
    const inFlight = client.call("engine.ping", { delayMs: 30_000 });
    await new Promise((r) => setTimeout(r, 100));
    client.kill("SIGKILL");
    await assert.rejects(inFlight, (err) => isEngineError(err, "ENGINE_CRASHED"));
    const after = await client.call("engine.ping", {});
    assert.notEqual(after.pid, info.pid);
    assert.equal(client.restarts, 1);
    assert.equal(forks.length, 2);
    assert.match(notices.join("\n"), /restarted/);
  } finally {
    await client.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("a graceful close asks the engine to shut down and it exits on its own", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "enclave-utility-"));
  let exitCode: number | undefined;
  const client = await SupervisedEngineClient.start({
    dataDir,
    gpu: false,
    createTransport: createUtilityTransportFactory({
      entry: engineEntryPath(),
      fork: (modulePath, args, options) => {
        const child = forkAsUtility(modulePath, args, options);
        child.on("exit", (code) => (exitCode = code));
        return child;
      },
    }),
  });
  try {
    await client.call("engine.ping", {});
    await client.close();
    assert.equal(exitCode, 0);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
