// `electron .` on a checkout that was never built: the main process must say which build step is
// missing and exit, not start an engine that is not there or show a window without its preload.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { register } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { until } from "./fake-electron/launch.ts";
import { createFakeElectron } from "./fake-electron/state.ts";

let appRoot: string | undefined;

after(async () => {
  if (appRoot) await rm(appRoot, { recursive: true, force: true });
});

test("an unbuilt app shows what to build and exits 1, starting nothing", async () => {
  appRoot = await mkdtemp(join(tmpdir(), "enclave-unbuilt-"));
  process.env.ENCLAVE_DATA_DIR = join(appRoot, "data");
  const electron = createFakeElectron({
    appPath: appRoot,
    fork: () => {
      throw new Error("no engine may be started");
    },
  });
  (globalThis as { __fakeElectron?: unknown }).__fakeElectron = electron.fake;
  register(new URL("./fake-electron/hooks.mjs", import.meta.url));
  await import("../../electron/main/index.ts");
  await until(() => electron.calls.exit.length > 0, "the exit");
  assert.deepEqual(electron.calls.exit, [1]);
  assert.equal(electron.calls.errorBoxes[0]![0], "Enclave could not start");
  assert.match(electron.calls.errorBoxes[0]![1]!, /missing .*main\.js \(npm run build:engine\) and .*index\.cjs \(npm run build:preload\)/);
  assert.equal(electron.windows.length, 0);
  assert.equal(electron.calls.forks.length, 0);
});
