// Small JSON documents (settings, caches, library folders) written atomically: a crash mid-write
// leaves the previous version, never half a file. Each document carries a format name and version.
import { readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { mkdirPrivate, PRIVATE_FILE_MODE } from "./private-fs.ts";

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdirPrivate(dirname(path));
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2) + "\n", { encoding: "utf8", mode: PRIVATE_FILE_MODE });
  await rename(tmp, path);
}

/**
 * Reads a JSON document and validates it. A missing file gives `fallback`; a corrupt or foreign
 * file also gives `fallback` (and `onInvalid` is told why) so that a damaged cache never stops the app.
 */
export async function readJson<S extends z.ZodType>(
  path: string,
  schema: S,
  fallback: z.infer<S>,
  onInvalid?: (reason: string) => void,
): Promise<z.infer<S>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw err;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    onInvalid?.(`${path}: ${parsed.error.message}`);
  } catch (err) {
    onInvalid?.(`${path}: ${(err as Error).message}`);
  }
  return fallback;
}
