// File-system checks the library shares, and the typed error a failed one becomes.
import { isAbsolute, relative, sep } from "node:path";
import { stat } from "node:fs/promises";
import { EngineError } from "../contract/errors.ts";
import { describeFsError } from "./ollama.ts";

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export function fsError(err: unknown, path: string): EngineError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new EngineError("NOT_FOUND", `${path} does not exist.`, { path });
  if (code === "EACCES" || code === "EPERM") return new EngineError("PERMISSION_DENIED", `${path} cannot be read: permission denied.`, { path });
  return new EngineError("INTERNAL", `${path}: ${describeFsError(err)}`, { path });
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
