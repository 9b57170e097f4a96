// Makes sure dist/renderer is current before the host serves it: built when missing or older than
// any renderer source. The build itself is Vite's (`vite build`, configured by vite.config.ts).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export interface RendererPaths {
  /** The repository root (where vite.config.ts lives). */
  root: string;
  /** Vite's output folder. */
  outDir: string;
}

export function rendererPaths(root: string): RendererPaths {
  return { root, outDir: path.join(root, "dist", "renderer") };
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(target)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, name)));
  }
  return newest;
}

/** Why the build is out of date, or null when it is current. */
export function rendererStaleReason(paths: RendererPaths): string | null {
  const index = path.join(paths.outDir, "index.html");
  if (!existsSync(index)) return `${path.relative(paths.root, paths.outDir)} has not been built`;
  // The renderer imports the contract too, so a contract change rebuilds it.
  const sources = ["renderer", "native/contract", "vite.config.ts", "package-lock.json"].map((p) => path.join(paths.root, p));
  const built = statSync(index).mtimeMs;
  const newer = sources.find((s) => newestMtime(s) > built);
  return newer === undefined ? null : `${path.relative(paths.root, newer)} changed since the last build`;
}

/** Runs `vite build`, its output going to `log` line by line; rejects when Vite fails. */
export function buildRenderer(paths: RendererPaths, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<void> {
  const vite = path.join(paths.root, "node_modules", "vite", "bin", "vite.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, "build"], { cwd: paths.root, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim() !== "") log(line);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

/** Builds when stale; returns what was done, for the caller to print. */
export async function ensureRendererBuilt(paths: RendererPaths, log?: (line: string) => void): Promise<string> {
  const reason = rendererStaleReason(paths);
  if (reason === null) return "renderer build is up to date";
  log?.(`building the renderer: ${reason}`);
  await buildRenderer(paths, log);
  return `renderer built (${reason})`;
}
