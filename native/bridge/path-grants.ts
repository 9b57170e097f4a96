// The folders one front-end session may name files under: for a browser tab, its host's uploads
// folder, the folders the user gave the host on its command line, and whatever the user picks in a
// host dialog during the session. Checked on real paths, so `..` and symlinks cannot step out.
import { realpath } from "node:fs/promises";
import path from "node:path";
import { EngineError } from "../contract/errors.ts";

export class PathGrants {
  readonly #roots = new Set<string>();

  constructor(roots: readonly string[]) {
    this.add(roots);
  }

  /** Grants `paths` (files or folders the user chose through the host) to this session. */
  add(paths: readonly string[]): void {
    for (const p of paths) if (path.isAbsolute(p)) this.#roots.add(path.resolve(p));
  }

  get roots(): string[] {
    return [...this.#roots];
  }

  /** Throws PERMISSION_DENIED unless `given` is, or lies under, a granted path. */
  async check(given: string): Promise<void> {
    if (!path.isAbsolute(given)) {
      throw new EngineError("PERMISSION_DENIED", `"${given}" is not an absolute path: this window may only name files it uploaded or folders given to the host.`, { path: given });
    }
    const real = await realOrResolved(given);
    for (const root of this.#roots) {
      const realRoot = await realOrResolved(root);
      if (real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep)) return;
    }
    throw new EngineError(
      "PERMISSION_DENIED",
      `"${given}" is outside what this window may read: files it uploaded and folders given to the host (pick them in the desktop app, or start the web host with --allow-folder).`,
      { path: given },
    );
  }
}

/**
 * The path with every symlink resolved; for a path that does not exist yet, its nearest existing
 * parent resolved and the rest appended (so a missing file under a symlinked folder still compares).
 */
async function realOrResolved(p: string): Promise<string> {
  const resolved = path.resolve(p);
  const rest: string[] = [];
  let current = resolved;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return resolved;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}
