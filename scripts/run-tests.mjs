#!/usr/bin/env node
// Runs every test with Node's own runner. Node 20's `--test` cannot glob TypeScript files, so the
// files are found here and passed explicitly. Usage: run-tests.mjs [unit|integration|all] [filter]
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const [kind = "all", filter = ""] = process.argv.slice(2);
// Unit tests live beside the code (engine, renderer, Electron main); integration and end-to-end
// tests (real engine, real browser) under test/.
const roots = {
  unit: ["native", "renderer", "electron"],
  integration: ["test"],
  all: ["native", "renderer", "electron", "test"],
}[kind];
if (!roots) {
  console.error(`unknown test kind "${kind}" (unit | integration | all)`);
  process.exit(2);
}

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith(".test.ts") || name.endsWith(".test.tsx")) out.push(relative(root, path));
  }
  return out;
}

// Slowest first: two run at a time, so a long browser or engine journey started last would leave
// the other slot idle at the end. End-to-end files, then the other integration tests, then unit tests
// (seconds each), which fill the gaps.
const weight = (f) => (f.startsWith("test/e2e/") ? 0 : f.startsWith("test/") ? 1 : 2);
const files = roots
  .filter((r) => existsSync(join(root, r)))
  .flatMap((r) => find(join(root, r)))
  .filter((f) => f.includes(filter))
  .sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));
if (files.length === 0) {
  console.error(`no test files matched (${kind} ${filter})`);
  process.exit(1);
}
// The compiled tree (dist/: electron/build/build.mjs all, and vite build) is built once, here,
// before any file runs: bin/enclave.mjs runs it instead of the sources through tsx when it is
// current, so each of the ~60 `enclave` processes the CLI tests start (and the engine each one
// forks) starts in about half the CPU time (test/cli-commands: 74 → 42 CPU-seconds).
// test/electron/built-app.test.ts, preload-bundle.test.ts and test/packaging/packaged-app.test.ts
// check this very build instead of making their own (ENCLAVE_TEST_BUILT=1), so the build costs
// nothing extra, and nothing rewrites dist/ while other files' processes are importing from it (a
// packaging test that rebuilt dist/ once broke an engine mid-import of a half-written file).
// A failed build is not hidden: built-app builds again and fails, and the CLI runs the sources.
const env = { ...process.env, ENCLAVE_LOG_LEVEL: process.env.ENCLAVE_LOG_LEVEL ?? "warn" };
if (files.some((f) => f.startsWith("test/"))) {
  const built = spawnSync(process.execPath, [join(root, "electron/build/build.mjs"), "all"], { cwd: root, stdio: "inherit" });
  // The renderer too: the packaging test packages this build (dist.mjs --skip-build) instead of
  // rebuilding dist/ under the browser tests serving dist/renderer and the engines importing dist/.
  const renderer = built.status === 0 ? spawnSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" }) : built;
  if (built.status === 0 && renderer.status === 0) {
    env.ENCLAVE_TEST_BUILT = "1";
    // The engines test files fork themselves (test/helpers/engine.ts, the e2e web hosts) too:
    // native/transport/node-transport.ts forks this compiled entry instead of main.ts under tsx.
    env.ENCLAVE_TEST_ENGINE_ENTRY = join(root, "dist/native/engine/main.js");
  } else console.error("run-tests: the build (electron/build/build.mjs all, vite build) failed; the tests run from the sources");
}
// Two files at a time: most of a file's time is spent starting engines and browsers and waiting on
// them, so a second file uses what the first leaves idle (one at a time took 22 minutes on 2 cores).
// Tests pin llama.cpp to one thread (ENCLAVE_THREADS=1), so two files never ask for more cores than
// there are. ENCLAVE_TEST_CONCURRENCY=1 runs them one by one.
const concurrency = Number(process.env.ENCLAVE_TEST_CONCURRENCY ?? 2);
const result = spawnSync(
  process.execPath,
  [
    "--import", "tsx", "--test", `--test-concurrency=${concurrency}`,
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    `--test-reporter=${join(root, "scripts/file-times-reporter.mjs")}`, "--test-reporter-destination=stdout",
    ...files,
  ],
  { cwd: root, stdio: "inherit", env },
);
process.exit(result.status ?? 1);
