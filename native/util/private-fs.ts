// Enclave's files are confidential (documents, their index, conversations), so everything it writes
// is private to the user on Linux and macOS: folders 0700, files 0600, whatever the umask. Explicit
// modes cover what our own code writes; `useOwnerOnlyUmask` covers what libraries write (LanceDB,
// the model downloader) in the engine process; `tightenTree` fixes folders earlier versions left
// readable by every local account. Windows has no POSIX modes: these are no-ops there.
import type { Dirent } from "node:fs";
import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const posix = process.platform !== "win32";

/** Creates `dir` (and its missing parents) owner-only; an existing `dir` is made owner-only too. */
export async function mkdirPrivate(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is masked by the umask and ignored for a folder that exists.
  if (posix) await chmod(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes new files and folders of this process owner-only. Only for a process Enclave owns (the
 * engine, the web host): the umask is process-wide. Returns the previous umask.
 */
export function useOwnerOnlyUmask(): number {
  return posix ? process.umask(0o077) : 0;
}

/**
 * Walks `root` and takes group and other permissions off every folder and file (symlinks are not
 * followed: what they point at is not ours). Returns how many entries were changed.
 */
export async function tightenTree(root: string): Promise<number> {
  if (!posix) return 0;
  let changed = 0;
  const fix = async (p: string, isDir: boolean): Promise<void> => {
    const mode = (await lstat(p)).mode & 0o777;
    const wanted = isDir ? PRIVATE_DIR_MODE : mode & PRIVATE_FILE_MODE;
    if ((mode & 0o077) !== 0 || (isDir && mode !== wanted)) {
      await chmod(p, wanted);
      changed++;
    }
  };
  const walk = async (dir: string): Promise<void> => {
    await fix(dir, true);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable: not ours to fix
    }
    for (const entry of entries) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile()) await fix(p, false).catch(() => undefined); // gone meanwhile
    }
  };
  await walk(root);
  return changed;
}
