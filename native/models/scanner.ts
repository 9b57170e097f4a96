// Finds GGUF files under a folder, in place: recursive with a depth limit, following symbolic
// links (the Hugging Face cache is made of them) without looping, never throwing for an unreadable
// folder or file — those become scan errors the UI can show.
import { readdir, realpath, stat } from "node:fs/promises";
import type { Dirent } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ModelSource } from "../contract/models.ts";
import { describeFsError, scanOllama } from "./ollama.ts";
import { openRegularFile } from "../util/regular-file.ts";

export const GGUF_MAGIC = "GGUF";
export const DEFAULT_MAX_DEPTH = 8;

export interface FoundFile {
  /** The path as found (for the HF cache: the snapshot link, which carries the real file name). */
  path: string;
  /** The file behind every link: duplicates are recognised by it. */
  realPath: string;
  source: ModelSource;
  displayName: string;
  sizeBytes: number;
  mtimeMs: number;
  /** A digest known without reading the file (Ollama blob names). */
  knownSha256: string | null;
}

export interface ScanError {
  path: string;
  message: string;
}

/** The first `length` bytes of a file (fewer when the file is shorter). */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function hasGgufMagic(path: string): Promise<boolean> {
  try {
    return (await readHead(path, 4)).toString("latin1") === GGUF_MAGIC;
  } catch {
    return false;
  }
}

const SKIPPED_HF_DIRS = new Set(["blobs", "refs", ".locks"]);

/** Files named *.gguf are always candidates; extension-less and .bin files only when they start with "GGUF". */
function candidateKind(name: string): "gguf" | "sniff" | null {
  const ext = extname(name).toLowerCase();
  if (ext === ".gguf") return "gguf";
  if (ext === "" || ext === ".bin") return "sniff";
  return null;
}

export async function scanFolder(
  folder: string,
  source: ModelSource,
  options: { maxDepth?: number; onError: (error: ScanError) => void },
): Promise<FoundFile[]> {
  const onError = (path: string, message: string) => options.onError({ path, message });
  if (source === "ollama") return scanOllamaFolder(folder, onError);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const visited = new Set<string>();
  const found: FoundFile[] = [];

  const walk = async (dir: string, depth: number): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT" && depth === 0) return;
      onError(dir, `cannot read folder: ${describeFsError(err)}`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (err) {
          if (candidateKind(entry.name) === "gguf") onError(path, `broken link: ${describeFsError(err)}`);
          continue;
        }
      }
      if (isDir) {
        if (source === "hf-cache" && (SKIPPED_HF_DIRS.has(entry.name) || (depth === 0 && !entry.name.startsWith("models--")))) continue;
        if (depth < maxDepth) await walk(path, depth + 1);
        continue;
      }
      if (!isFile) continue;
      const kind = candidateKind(entry.name);
      if (kind === null) continue;
      if (kind === "sniff" && !(await hasGgufMagic(path))) continue;
      try {
        const st = await stat(path);
        found.push({ path, realPath: await realpath(path), source, displayName: basename(path), sizeBytes: st.size, mtimeMs: st.mtimeMs, knownSha256: null });
      } catch (err) {
        onError(path, `cannot read file: ${describeFsError(err)}`);
      }
    }
  };
  await walk(folder, 0);
  return found;
}

async function scanOllamaFolder(root: string, onError: (path: string, message: string) => void): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  for (const blob of await scanOllama(root, onError)) {
    try {
      const st = await stat(blob.path);
      found.push({
        path: blob.path,
        realPath: await realpath(blob.path),
        source: "ollama",
        displayName: blob.displayName,
        sizeBytes: st.size,
        mtimeMs: st.mtimeMs,
        knownSha256: blob.sha256,
      });
    } catch (err) {
      onError(blob.path, `cannot read file: ${describeFsError(err)}`);
    }
  }
  return found;
}
