// The packaged app, built as IT would build it: `scripts/packaging/dist.mjs --dir` (the compile
// steps, the SBOM and notices, then electron-builder's `dir` target) into a temporary folder, once,
// and every check below reads that one build.
//
// Electron itself cannot be downloaded here, so electron-builder packages a STAND-IN Electron
// folder (stand-in-electron.ts) unless ELECTRON_OVERRIDE_DIST_PATH names a real one. What is
// checked without Electron: the asar's layout and payload, and — extracted to a plain folder, as
// Electron would read it — the packaged engine and CLI running under plain Node from the packaged
// files alone (ENCLAVE_NODE makes the CLI wrapper use this Node instead of the app's Electron).
// Linux and macOS only: the CLI wrapper checked here is the POSIX shell one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { getTestModels } from "../fixtures/test-models.ts";
import { fixtureDir, OCR_WORD, scannedPdf, threePagePdf } from "../fixtures/documents/documents.ts";
import { findElectronBinary } from "../electron/electron-binary.ts";
import { runCommand } from "../helpers/cli.ts";
import { writeStandInElectron } from "./stand-in-electron.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);
const asar = require("@electron/asar") as { listPackage(file: string, options: { isPack: boolean }): string[]; extractAll(file: string, dest: string): void };
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(root, "node_modules", "electron", "package.json"), "utf8")) as { version: string }).version;
const APP_VERSION = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
// Payload budget for linux-x64 (asar + unpacked native code): CPU + Vulkan llama.cpp, LanceDB, canvas, OCR data.
const PAYLOAD_BUDGET_MB = 480;

const realElectron = findElectronBinary(root);
const skip = process.platform === "win32" ? "the CLI wrapper checked here is the POSIX one" : false;
let work: string;
let resources: string;
let extracted: string;
let entries: string[];

function duBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + duBytes(join(path, name)), 0);
}

function runCli(args: string[], dataDir: string) {
  return runCommand(join(extracted, "bin", "enclave"), ["--data-dir", dataDir, "--cpu", ...args], {
    timeoutMs: 240_000,
    env: { ...process.env, ENCLAVE_NODE: process.execPath, ENCLAVE_THREADS: "1", NO_COLOR: "1", NODE_OPTIONS: "" },
  });
}

before(
  () => {
    if (skip) return;
    work = mkdtempSync(join(tmpdir(), "enclave-packaged-"));
    const electronDist = realElectron ? join(realElectron, "..") : writeStandInElectron(join(work, "electron-stand-in"), ELECTRON_VERSION);
    // Under scripts/run-tests.mjs dist/ is already built (ENCLAVE_TEST_BUILT=1) and other files'
    // engines import from it: package it as it is instead of rewriting it under them.
    const skipBuild = process.env.ENCLAVE_TEST_BUILT === "1" ? ["--skip-build"] : [];
    const built = spawnSync(process.execPath, [join(root, "scripts", "packaging", "dist.mjs"), "--dir", ...skipBuild, "--output", join(work, "release")], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDist, ELECTRON_BUILDER_7ZIP_PATH: process.env.ELECTRON_BUILDER_7ZIP_PATH ?? "/usr/bin/7zz" },
    });
    assert.equal(built.status, 0, "npm run dist:dir failed");
    const unpacked = readdirSync(join(work, "release")).find((name) => name.endsWith("-unpacked") || name === "mac");
    assert.ok(unpacked, "no unpacked app in the output folder");
    resources = join(work, "release", unpacked, "resources");
    entries = asar.listPackage(join(resources, "app.asar"), { isPack: false }).map((entry) => entry.split("\\").join("/"));
    // As Electron reads it: the asar's files, with the unpacked ones at the same paths.
    extracted = join(work, "extracted", "resources");
    asar.extractAll(join(resources, "app.asar"), join(extracted, "app"));
    cpSync(join(resources, "app.asar.unpacked"), join(extracted, "app"), { recursive: true });
    cpSync(join(resources, "bin"), join(extracted, "bin"), { recursive: true });
  },
  { timeout: 900_000 },
);

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the asar holds the compiled app and nothing of the development tree", { skip }, () => {
  for (const file of ["/package.json", "/dist/build-info.json", "/dist/electron/main/index.js", "/dist/electron/preload/index.cjs", "/dist/native/engine/main.js", "/dist/native/cli/main.js", "/dist/native/web/main.js", "/dist/native/rag/convert/pdf-worker.js", "/dist/native/rag/convert/convert-worker.js", "/dist/native/rag/convert/ocr-child.js", "/dist/native/models/quant-lab/footprint-child.js", "/dist/renderer/index.html", "/dist/renderer/third-party-licenses.txt"]) {
    assert.ok(entries.includes(file), `${file} is missing from app.asar`);
  }
  const bad = entries.filter((e) => /\.(ts|mts|cts|map|gguf)$/.test(e) || /^\/dist\/.*(\.test\.js|test-fixtures\.js)$/.test(e) || /^\/(native|test|electron|renderer|scripts|\.cache|release)\//.test(e) || /\/node_modules\/(tsx|esbuild|@esbuild|typescript|electron|electron-builder|vite)\//.test(e));
  assert.deepEqual(bad.slice(0, 10), [], "TypeScript, tests, models, caches or development tools inside the asar");
  assert.ok(!entries.some((e) => e.includes("gitRelease.bundle")), "llama.cpp's source bundle is not shipped");
  assert.ok(!entries.some((e) => /^\/node_modules\/@node-llama-cpp\/[^/]*-cuda/.test(e)), "no CUDA variant in a default build");
  const main = (JSON.parse(readFileSync(join(extracted, "app", "package.json"), "utf8")) as { main: string }).main;
  assert.ok(entries.includes(`/${main}`), `package.json main (${main}) is packaged`);
});

test("each native module is unpacked beside the asar with its .node file for this platform", { skip }, () => {
  const os = { linux: "linux", darwin: "mac", win32: "win" }[process.platform as "linux" | "darwin" | "win32"];
  const nodeFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".node")) : []);
  const unpacked = join(resources, "app.asar.unpacked", "node_modules");
  const llama = readdirSync(join(unpacked, "@node-llama-cpp"));
  assert.ok(llama.includes(`${os}-${process.arch}`) || llama.includes(`${os}-${process.arch}-metal`), `node-llama-cpp binary for ${os}-${process.arch}: ${llama.join(", ")}`);
  for (const variant of llama) {
    assert.ok(variant.startsWith(`${os}-${process.arch}`), `${variant} is for another platform`);
    assert.ok(nodeFiles(join(unpacked, "@node-llama-cpp", variant)).some((f) => f.endsWith("llama-addon.node")), `${variant} has llama-addon.node`);
  }
  for (const scope of ["@lancedb", "@napi-rs"]) {
    assert.ok(readdirSync(join(unpacked, scope)).some((pkg) => nodeFiles(join(unpacked, scope, pkg)).length > 0), `${scope} has its .node file unpacked`);
  }
  assert.ok(existsSync(join(unpacked, "@tesseract.js-data", "eng", "4.0.0_best_int", "eng.traineddata.gz")), "the OCR language data is unpacked");
  assert.ok(!existsSync(join(unpacked, "@tesseract.js-data", "eng", "4.0.0")), "the legacy engine's language data, never read, is left out");
  for (const e of entries.filter((e) => e.endsWith(".node"))) {
    assert.ok(existsSync(join(resources, "app.asar.unpacked", e)), `${e} is listed in the asar but not unpacked`);
  }
});

test("the payload is within its budget", { skip }, () => {
  const asarMb = duBytes(join(resources, "app.asar")) / 2 ** 20;
  const unpackedMb = duBytes(join(resources, "app.asar.unpacked")) / 2 ** 20;
  const total = asarMb + unpackedMb;
  console.log(`payload ${process.platform}-${process.arch}: app.asar ${asarMb.toFixed(1)} MiB + unpacked ${unpackedMb.toFixed(1)} MiB = ${total.toFixed(1)} MiB (budget ${PAYLOAD_BUDGET_MB} MiB, Electron itself not counted)`);
  assert.ok(total <= PAYLOAD_BUDGET_MB, `payload ${total.toFixed(0)} MiB exceeds ${PAYLOAD_BUDGET_MB} MiB`);
});

test("the SBOM and the auto-update configuration travel with the app", { skip }, () => {
  const sbom = JSON.parse(readFileSync(join(resources, "sbom", "enclave.cdx.json"), "utf8")) as { bomFormat: string; specVersion: string; components: { name: string }[] };
  assert.equal(sbom.bomFormat, "CycloneDX");
  assert.ok(sbom.components.some((c) => c.name === "node-llama-cpp"));
  assert.match(readFileSync(join(resources, "app-update.yml"), "utf8"), /provider: generic/);
  assert.match(readFileSync(join(extracted, "app", "dist", "renderer", "third-party-licenses.txt"), "utf8"), /node-llama-cpp/);
});

test("the packaged CLI answers --version from the compiled files", { skip }, () => {
  const version = runCliPlain(["--version"]);
  assert.equal(version.code, 0, version.stderr);
  const lines = version.stdout.split("\n");
  assert.equal(lines[0], APP_VERSION);
  assert.match(version.stdout, new RegExp(`Electron +${ELECTRON_VERSION.replace(/\./g, "\\.")}`), "the Electron version the app was packaged with");
  assert.match(version.stdout, /node-llama-cpp +\d+\.\d+\.\d+/);
  assert.match(version.stdout, /llama\.cpp +\S+/);
  assert.match(version.stdout, /LanceDB +\d+\.\d+\.\d+/);
});

// `--version` takes no global options.
function runCliPlain(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(extracted, "bin", "enclave"), args, { env: { ...process.env, ENCLAVE_NODE: process.execPath }, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("the packaged engine starts under plain Node: ping, engine info, models, a PDF with OCR, a chat", { skip, timeout: 600_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "enclave-packaged-data-"));
  try {
    // The packaged client forks the packaged engine (dist/native/engine/main.js), no TypeScript loader.
    const { startEngine } = (await import(pathToFileURL(join(extracted, "app", "dist", "native", "client", "start-engine.js")).href)) as typeof import("../../native/client/start-engine.ts");
    const client = await startEngine({ dataDir, gpu: false, env: { ENCLAVE_THREADS: "1" } });
    try {
      assert.deepEqual(Object.keys(await client.call("engine.ping", {})).sort(), ["pid", "pong"]);
      const info = await client.call("engine.info", {});
      assert.equal(info.version, APP_VERSION);
      assert.equal(info.components?.electron, ELECTRON_VERSION);
      assert.ok(info.components?.nodeLlamaCpp && info.components.lancedb && info.components.llamaCpp);
    } finally {
      await client.close();
    }

    const engineInfo = await runCli(["engine", "info", "--json"], dataDir);
    assert.equal(engineInfo.code, 0, engineInfo.stderr);
    assert.equal((JSON.parse(engineInfo.stdout) as { version: string }).version, APP_VERSION);

    const models = await getTestModels();
    const scan = await runCli(["models", "scan", join(models.q8_0, ".."), "--json"], dataDir);
    assert.equal(scan.code, 0, scan.stderr);
    const list = await runCli(["models", "list", "--json"], dataDir);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /Q8_0/);

    const { dir, write } = fixtureDir("enclave-packaged-docs-");
    try {
      write("report.pdf", threePagePdf());
      write("scan.pdf", scannedPdf());
      const ingest = await runCli(["ingest", dir, "--collection", "packaged", "--json"], dataDir);
      assert.equal(ingest.code, 0, ingest.stderr);
      const files = (JSON.parse(ingest.stdout) as { files: { path: string; outcome: string; pages: number; ocrPages: number }[] }).files;
      const byName = Object.fromEntries(files.map((f) => [f.path.split("/").pop(), f]));
      assert.equal(byName["report.pdf"]?.outcome, "added", "the PDF worker was found");
      assert.equal(byName["scan.pdf"]?.ocrPages, 1, "the OCR child and its language data were found");
      const search = await runCli(["search", OCR_WORD.toLowerCase(), "--collection", "packaged", "--json"], dataDir);
      assert.equal(search.code, 0, search.stderr);
      assert.match(search.stdout, /scan\.pdf/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const chat = await runCli(["chat", "--model", models.q8_0, "--prompt", "Hello", "--max-tokens", "8", "--temperature", "0", "--json"], dataDir);
    assert.equal(chat.code, 0, chat.stderr);
    const turn = JSON.parse(chat.stdout) as { text: string; tokens: number };
    assert.ok(turn.tokens > 0, "the generated model answered");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("with a real Electron, the packaged app's own binary runs the packaged CLI", { skip: skip || (realElectron ? false : "no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH); the checks above used a stand-in") }, () => {
  const binary = join(resources, "bin", "enclave");
  const result = spawnSync(binary, ["--version"], { encoding: "utf8", env: { ...process.env, ENCLAVE_NODE: "" } });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`Electron +${ELECTRON_VERSION.replace(/\./g, "\\.")}`));
});
