// The built preload as Electron's sandbox runs it: one CommonJS file whose `require` knows only
// "electron" (plus a few built-ins we do not use), run here in a fresh V8 context with a fake
// contextBridge / ipcRenderer / webUtils. Catches a bundle that needs a module the sandbox lacks, or
// that exposes more than the four functions.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { BRIDGE_CHANNEL, type EnclaveApi } from "../../native/contract/api.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bundle = join(root, "dist", "electron", "preload", "index.cjs");

interface Loaded {
  exposed: Map<string, unknown>;
  sent: [string, unknown][];
  deliver(message: unknown): void;
  required: string[];
}

/** Objects made in the preload's context have that context's prototypes: compare their JSON. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function loadPreload(): Loaded {
  const exposed = new Map<string, unknown>();
  const sent: [string, unknown][] = [];
  const required: string[] = [];
  let toFront: ((event: unknown, message: unknown) => void) | undefined;
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      send: (channel: string, message: unknown) => sent.push([channel, message]),
      on: (channel: string, listener: typeof toFront) => {
        if (channel === BRIDGE_CHANNEL.toFront) toFront = listener;
      },
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/disk/${file.name}` },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === "electron") return electron;
    throw new Error(`a sandboxed preload cannot require "${name}"`);
  };
  const module = { exports: {} };
  vm.runInNewContext(readFileSync(bundle, "utf8"), { require: sandboxRequire, module, exports: module.exports, console }, { filename: bundle });
  return { exposed, sent, required, deliver: (message) => toFront!({}, message) };
}

before(() => {
  // scripts/run-tests.mjs built it already (ENCLAVE_TEST_BUILT=1); rebuilding would rewrite a file
  // the built-app test may be reading.
  if (process.env.ENCLAVE_TEST_BUILT === "1") return;
  const result = spawnSync(process.execPath, [join(root, "electron", "build", "build.mjs"), "preload"], { cwd: root, stdio: "inherit" });
  assert.equal(result.status, 0, "build:preload failed");
});

test("the bundle requires only electron and exposes exactly window.enclave with four functions", () => {
  const { exposed, required } = loadPreload();
  assert.deepEqual(required, ["electron"]);
  assert.deepEqual([...exposed.keys()], ["enclave"]);
  const api = exposed.get("enclave") as Record<string, unknown>;
  assert.deepEqual(plain(Object.keys(api).sort()), ["cancel", "invoke", "on", "resolveFiles"]);
  for (const fn of Object.values(api)) assert.equal(typeof fn, "function");
});

test("invoke and events cross the IPC channels; unknown names never leave the preload", async () => {
  const { exposed, sent, deliver } = loadPreload();
  const api = exposed.get("enclave") as EnclaveApi;
  const pong = api.invoke("engine.ping", {}, { requestId: "r1" });
  assert.deepEqual(plain(sent), [[BRIDGE_CHANNEL.toHost, { type: "call", id: "r1", method: "engine.ping", input: {} }]]);
  deliver({ type: "result", id: "r1", ok: true, output: { pong: true, pid: 1 } });
  assert.deepEqual(plain(await pong), { pong: true, pid: 1 });

  const notices: unknown[] = [];
  api.on("engine.notice", (n) => notices.push(n));
  deliver({ type: "event", name: "engine.notice", payload: { level: "warning", message: "restarted" } });
  assert.deepEqual(notices, [{ level: "warning", message: "restarted" }]);

  const refused = await api.invoke("fs.read" as never, {} as never).then(() => null, (e: unknown) => plain(e));
  assert.deepEqual(refused, { code: "UNKNOWN_METHOD", message: 'Unknown method "fs.read".' });
  assert.equal(sent.length, 1);
  assert.deepEqual(plain(await api.resolveFiles([{ name: "a.pdf" } as File])), ["/disk/a.pdf"]);
});

test("the bundle stays small: plain name lists, no schemas (it was 788 KB when it imported the method table)", () => {
  const size = statSync(bundle).size;
  assert.ok(size < 50 * 1024, `preload bundle is ${size} bytes; the budget is 50 KB`);
});
