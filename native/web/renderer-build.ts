// Makes sure dist/renderer is current before the host serves it: built when missing or older than
// any renderer source. The build itself is Vite's (`vite build`, configured by vite.config.ts).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
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

const LOCK_STALE_MS = 10 * 60_000;

/**
 * Holds `dist/.renderer-build.lock` (a folder: mkdir is atomic) while `fn` runs, so two processes
 * (parallel e2e test files, a test run beside `start:web`) never build at once: Vite empties the
 * output folder first, which would pull the files out from under the other's server.
 */
async function withBuildLock<T>(paths: RendererPaths, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(path.dirname(paths.outDir), ".renderer-build.lock");
  await mkdir(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A lock left by a killed build would block every later one.
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Builds when stale; returns what was done, for the caller to print. */
export async function ensureRendererBuilt(paths: RendererPaths, log?: (line: string) => void): Promise<string> {
  if (rendererStaleReason(paths) === null) return "renderer build is up to date";
  return withBuildLock(paths, async () => {
    // Another process may have built it while this one waited for the lock.
    const reason = rendererStaleReason(paths);
    if (reason === null) return "renderer build is up to date";
    log?.(`building the renderer: ${reason}`);
    await buildRenderer(paths, log);
    return `renderer built (${reason})`;
  });
}
