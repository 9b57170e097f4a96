// What this build of Enclave is made of: the versions a patch-tracking team asks for (the app,
// Electron, Node, node-llama-cpp and the llama.cpp release its binaries were built from, LanceDB).
// Read from the installed packages' own files, never by loading them: `enclave --version` must not
// pay for node-llama-cpp's or LanceDB's import (hundreds of ms) just to print a number.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Components } from "../contract/system.ts";
import { ENGINE_VERSION } from "./version.ts";

const require = createRequire(import.meta.url);

/** Written by `electron/build/build.mjs` into dist/ (beside the compiled engine); absent when run from sources. */
export interface BuildInfo {
  electron: string | null;
  commit: string | null;
  builtAt: string;
}

// dist/native/engine/components.js → dist/build-info.json; from sources the path does not exist.
const BUILD_INFO_URL = new URL("../../build-info.json", import.meta.url);

export function readBuildInfo(): BuildInfo | null {
  try {
    return JSON.parse(readFileSync(BUILD_INFO_URL, "utf8")) as BuildInfo;
  } catch {
    return null;
  }
}

/**
 * A dependency's folder, found the way Node resolves it from here. Its package.json cannot be
 * `require`d directly: node-llama-cpp and LanceDB do not export "./package.json".
 */
export function packageDir(name: string): string | null {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, "package.json"))) return dir;
  }
  return null;
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function packageVersion(name: string): string | null {
  const dir = packageDir(name);
  const version = dir === null ? undefined : readJson(join(dir, "package.json"))?.version;
  return typeof version === "string" ? version : null;
}

/** The llama.cpp release node-llama-cpp's prebuilt binaries were built from (its llama/llama.cpp.info.json). */
function llamaCppRelease(): string | null {
  const dir = packageDir("node-llama-cpp");
  const info = dir === null ? null : readJson(join(dir, "llama", "llama.cpp.info.json"));
  if (info === null || typeof info.tag !== "string") return null;
  return typeof info.llamaCppGithubRepo === "string" ? `${info.tag} (${info.llamaCppGithubRepo})` : info.tag;
}

export function readComponents(versions: { node: string; electron?: string } = process.versions, buildInfo: BuildInfo | null = readBuildInfo()): Components {
  return {
    app: ENGINE_VERSION,
    // Running inside Electron (the app's utilityProcess, or the packaged CLI with ELECTRON_RUN_AS_NODE)
    // it is the running one; otherwise the one this build was packaged with, if it was.
    electron: versions.electron ?? buildInfo?.electron ?? null,
    node: versions.node,
    nodeLlamaCpp: packageVersion("node-llama-cpp"),
    llamaCpp: llamaCppRelease(),
    lancedb: packageVersion("@lancedb/lancedb"),
    commit: buildInfo?.commit ?? null,
  };
}

/** The lines `enclave --version` prints: the app's version first, so `| head -1` still gives just it. */
export function formatComponents(c: Components): string {
  const rows: [string, string][] = [
    ["Electron", c.electron ?? "none (the CLI is running under plain Node)"],
    ["Node", c.node],
    ["node-llama-cpp", c.nodeLlamaCpp ?? "unknown"],
    ["llama.cpp", c.llamaCpp ?? "unknown"],
    ["LanceDB", c.lancedb ?? "unknown"],
    ...(c.commit === null ? [] : [["Commit", c.commit] as [string, string]]),
  ];
  return [c.app, ...rows.map(([label, value]) => `${label.padEnd(15)}${value}`)].join("\n");
}
