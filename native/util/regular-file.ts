// Only regular files are read. Opening a FIFO blocks in the kernel until a writer appears (no
// cancel, no socket close frees it) and a device such as /dev/zero never ends, so every read of a
// path the user named opens it non-blocking and checks what the open descriptor is before reading:
// checking the descriptor, not the path, leaves no window to swap the file in between.
import { constants, type Stats } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import { EngineError } from "../contract/errors.ts";

function kindOf(info: Stats): string {
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isDirectory()) return "a folder";
  return "not a regular file";
}

export function notRegularFile(path: string, info: Stats): EngineError {
  return new EngineError("INVALID_INPUT", `${path} is ${kindOf(info)}: only regular files can be read.`, { path, reason: "not-regular-file" });
}

/** Opens `path` for reading; refuses (INVALID_INPUT naming the file) anything but a regular file. */
export async function openRegularFile(path: string): Promise<FileHandle> {
  // O_NONBLOCK: a FIFO without a writer opens at once instead of blocking; regular files ignore it.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegularFile(path, info);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** stat() that refuses anything but a regular file, for code that checks before it opens. */
export async function statRegularFile(path: string): Promise<Stats> {
  const info = await stat(path);
  if (!info.isFile()) throw notRegularFile(path, info);
  return info;
}
