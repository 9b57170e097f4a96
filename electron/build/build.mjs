#!/usr/bin/env node
// Builds what Electron runs, offline, from the TypeScript sources:
//   engine   tsc emit of the main process and the engine (native/) into dist/, folder layout kept so
//            the engine's worker and child-process siblings resolve as they do under tsx
//   preload  esbuild bundle of electron/preload into one CommonJS file: a sandboxed preload can
//            require only `electron` and a few built-ins, never our modules or zod
//   info     dist/build-info.json: the Electron version packaged with and the git commit, which
//            `enclave --version` and the About panel show (native/engine/components.ts)
// The engine build is also the CLI's and the web host's (dist/native/cli, dist/native/web): one
// compiled tree, which bin/enclave.mjs prefers to the TypeScript sources when it is current.
// Usage: node electron/build/build.mjs engine|preload|info|all
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);

export function buildEngine() {
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "electron", "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status}): the engine and main process were not built`);
  // native/engine/version.ts reads ../../package.json: in dist/ that is this file. "type": "module"
  // keeps the emitted .js files ES modules, as they are under the root package.json.
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  writeFileSync(join(root, "dist", "package.json"), JSON.stringify({ name: pkg.name, version: pkg.version, type: "module", private: true }, null, 2) + "\n");
}

export function buildInfo() {
  const electronPkg = join(root, "node_modules", "electron", "package.json");
  const electron = existsSync(electronPkg) ? JSON.parse(readFileSync(electronPkg, "utf8")).version : null;
  const git = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: root, encoding: "utf8" });
  const commit = git.status === 0 ? git.stdout.trim() : null;
  const info = { electron, commit, builtAt: new Date().toISOString() };
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(join(root, "dist", "build-info.json"), JSON.stringify(info, null, 2) + "\n");
  return info;
}

export async function buildPreload() {
  const { build } = await import("esbuild");
  const outfile = join(root, "dist", "electron", "preload", "index.cjs");
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, "electron", "preload", "index.ts")],
    outfile,
    bundle: true,
    format: "cjs",
    platform: "browser",
    // Electron 45 ships Chromium 142.
    target: "chrome140",
    external: ["electron"],
    sourcemap: false,
    logLevel: "warning",
  });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const what = process.argv[2] ?? "all";
  if (!["engine", "preload", "info", "all"].includes(what)) {
    console.error(`unknown target "${what}" (engine | preload | info | all)`);
    process.exit(2);
  }
  try {
    if (what === "engine" || what === "all") buildEngine();
    if (what === "preload" || what === "all") await buildPreload();
    if (what === "info" || what === "all") buildInfo();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
