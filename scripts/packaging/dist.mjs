#!/usr/bin/env node
// `npm run dist` / `npm run dist:dir`: compiles everything the app runs (engine, CLI, web host, main
// process, preload, renderer), generates the SBOM and third-party notices, then runs electron-builder
// with electron-builder.yml adjusted by builder-config.mjs. Writes SHA256SUMS beside the artifacts and
// says plainly when a build is unsigned.
// Usage: node scripts/packaging/dist.mjs [--dir] [--targets t1,t2] [--cuda] [--output DIR] [--skip-build]
//   --dir         the unpacked app only (release/<os>-unpacked), no installer
//   --targets     override this OS's target list from electron-builder.yml (e.g. tar.gz,deb)
//   --cuda        also ship node-llama-cpp's CUDA variants (Windows/Linux x64; +538 MB on Linux)
//   --skip-build  package dist/ as it is (the compile steps already ran); the SBOM and notices are
//                 still written
// Electron comes from ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist when present (offline),
// else electron-builder downloads it (ELECTRON_MIRROR for an internal mirror).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { configForBuild, loadBuilderConfig, ROOT, signingStatus } from "./builder-config.mjs";
import { writeNotices } from "./licenses.mjs";
import { writeSbom, DEFAULT_SBOM } from "./sbom.mjs";

const { values } = parseArgs({
  options: {
    dir: { type: "boolean" },
    targets: { type: "string" },
    cuda: { type: "boolean" },
    output: { type: "string" },
    "skip-build": { type: "boolean" },
  },
});

function step(title, command, args) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status})`);
}

function electronDist() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return resolve(override);
  const installed = join(ROOT, "node_modules", "electron", "dist");
  return existsSync(installed) ? installed : null;
}

async function sha256(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}

async function writeChecksums(outputDir) {
  const files = existsSync(outputDir) ? readdirSync(outputDir).filter((name) => /\.(exe|msi|dmg|zip|AppImage|deb|rpm|tar\.gz|json)$/.test(name)) : [];
  const lines = [];
  for (const name of files.sort()) if (statSync(join(outputDir, name)).isFile()) lines.push(`${await sha256(join(outputDir, name))}  ${name}`);
  if (lines.length > 0) writeFileSync(join(outputDir, "SHA256SUMS"), `${lines.join("\n")}\n`);
  return lines;
}

/**
 * The folder electron-builder packages. Normally the repository. Where node_modules is a symlink to
 * another checkout's (shared development trees), `npm ls` sees every package as extraneous and
 * electron-builder's npm collector would silently leave most dependencies out; then the app is
 * packaged from a staging copy without a lockfile, which makes electron-builder fall back to its
 * file-traversal collector (Node's own module resolution, the same production dependencies).
 */
function projectDir(outputDir) {
  const modules = join(ROOT, "node_modules");
  if (!lstatSync(modules).isSymbolicLink()) return ROOT;
  const stage = join(outputDir, ".stage");
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const file of ["package.json", "electron-builder.yml"]) cpSync(join(ROOT, file), join(stage, file));
  cpSync(join(ROOT, "dist"), join(stage, "dist"), { recursive: true });
  cpSync(join(ROOT, "resources"), join(stage, "resources"), { recursive: true });
  symlinkSync(realpathSync(modules), join(stage, "node_modules"), "dir");
  process.env.npm_config_user_agent = "bun"; // read by electron-builder's package-manager detection: traversal
  console.log(`node_modules is a symlink (${realpathSync(modules)}): packaging from ${stage} with electron-builder's file-traversal collector`);
  return stage;
}

async function main() {
  if (!values["skip-build"]) {
    step("engine, CLI, web host and main process (tsc)", process.execPath, [join(ROOT, "electron", "build", "build.mjs"), "engine"]);
    step("preload (esbuild)", process.execPath, [join(ROOT, "electron", "build", "build.mjs"), "preload"]);
    step("build info", process.execPath, [join(ROOT, "electron", "build", "build.mjs"), "info"]);
    step("renderer (vite)", process.execPath, [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build"]);
  }
  console.log("\n== SBOM and third-party notices (CycloneDX)");
  writeSbom(DEFAULT_SBOM);
  console.log(`notices: ${writeNotices(DEFAULT_SBOM).outFile}`);

  const output = resolve(values.output ?? join(ROOT, "release"));
  const config = configForBuild(loadBuilderConfig(), { env: process.env, cuda: values.cuda === true, electronDist: electronDist(), output });
  const project = projectDir(output);
  const { build, Platform } = await import("electron-builder");
  const platform = { linux: Platform.LINUX, darwin: Platform.MAC, win32: Platform.WINDOWS }[process.platform];
  if (!platform) throw new Error(`electron-builder cannot package on ${process.platform}`);
  const targets = values.dir ? ["dir"] : values.targets ? values.targets.split(",") : undefined;
  console.log(`\n== electron-builder: ${targets ? targets.join(", ") : "every target electron-builder.yml lists for this OS"}${config.electronDist ? ` (Electron from ${config.electronDist})` : ""}`);
  await build({ targets: platform.createTarget(targets), config, projectDir: project, publish: "never" });
  if (project !== ROOT) rmSync(project, { recursive: true, force: true });

  const outputDir = output;
  const sums = await writeChecksums(outputDir);
  const signing = signingStatus(process.env, process.platform);
  console.log(`\n== done: ${outputDir}`);
  for (const line of sums) console.log(`   ${line}`);
  if (!values.dir) console.log(signing.signed ? `signed: ${signing.how}` : `UNSIGNED BUILD: ${signing.how}`);
  else console.log("unpacked build (--dir): not signed or notarised");
}

main().catch((err) => {
  console.error(`\ndist failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
