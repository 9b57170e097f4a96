// The app as `npm start` builds it, minus Electron itself: build:engine's output (the main process
// and the engine compiled to dist/) started under plain Node against the fake Electron, the engine
// forked from dist/native/engine/main.js with no TypeScript loader. Catches a build that type-checks
// but does not run: a missing file in dist/, an import left with a .ts extension, no version.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchMain, type LaunchedMain } from "./fake-electron/launch.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
let dataDir: string;
let main: LaunchedMain;

before(async () => {
  // Both builds the app refuses to start without (a fresh clone has neither); the renderer is not
  // needed: without it the window shows how to build it. scripts/run-tests.mjs runs this same
  // build once before every file (ENCLAVE_TEST_BUILT=1) and nothing may rewrite dist/ while other
  // files run from it; run alone, this file builds.
  if (process.env.ENCLAVE_TEST_BUILT !== "1") {
    const built = spawnSync(process.execPath, [join(root, "electron", "build", "build.mjs"), "all"], { cwd: root, stdio: "inherit" });
    assert.equal(built.status, 0, "build:engine / build:preload failed");
  }
  dataDir = await mkdtemp(join(tmpdir(), "enclave-built-"));
  process.env.ENCLAVE_DATA_DIR = dataDir;
  process.env.ENCLAVE_THREADS = "1";
  delete process.env.ENCLAVE_RENDERER_URL;
  main = await launchMain({ appPath: root, mainModule: pathToFileURL(join(root, "dist", "electron", "main", "index.js")) });
});

after(async () => {
  if (main) await main.quit();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test("the built main process starts the built engine and answers the window", async () => {
  assert.equal(main.electron.calls.forks[0]!.modulePath, join(root, "dist", "native", "engine", "main.js"));
  const info = await main.call("engine.info", {});
  assert.equal(info.ok, true);
  const { version, dataDir: engineDataDir } = info.output as { version: string; dataDir: string };
  assert.equal(engineDataDir, dataDir);
  assert.equal(version, (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version);
  assert.equal((await main.call("fs.read", {})).error?.code, "UNKNOWN_METHOD");
});
