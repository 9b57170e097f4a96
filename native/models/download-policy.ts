// What a model download must satisfy beyond "the transfer finished", whoever asked for it:
// - it travels over HTTPS, or it names the SHA-256 the file must have (a plain-http file could be
//   swapped on the way: the hash is what makes it trustworthy then);
// - what arrives is a GGUF (its first four bytes are "GGUF"), so a download can never plant a
//   script, an autostart entry or any other file under a model's name;
// - it lies inside the models folder (a file name from a server cannot step out of it).
import { realpath, unlink } from "node:fs/promises";
import path from "node:path";
import { EngineError } from "../contract/errors.ts";
import { openRegularFile } from "../util/regular-file.ts";

const GGUF_MAGIC = Buffer.from("GGUF", "latin1");

/** Refuses a plain-http URL without an expected SHA-256 (hf: URIs resolve to the HTTPS hub). */
export function checkDownloadSource(uri: string, sha256: string | undefined): void {
  if (/^http:/i.test(uri.trim()) && !sha256) {
    throw new EngineError("INVALID_INPUT", `Refused ${uri}: a plain http: download needs the file's SHA-256 (or use an https: address).`, { uri, reason: "insecure-url" });
  }
}

/**
 * Checks a finished download: inside `dir`, a regular file, GGUF by its magic bytes. A file that
 * fails is deleted, so nothing that is not a model stays behind.
 */
export async function checkDownloadedFile(file: string, dir: string): Promise<void> {
  const [realFile, realDir] = await Promise.all([realpath(file), realpath(dir)]);
  if (!realFile.startsWith(realDir + path.sep)) {
    throw new EngineError("DOWNLOAD_FAILED", `The download ended outside the models folder (${file}); it was not kept.`, { path: file });
  }
  let head: Buffer;
  const handle = await openRegularFile(realFile);
  try {
    const buffer = Buffer.alloc(4);
    head = buffer.subarray(0, (await handle.read(buffer, 0, 4, 0)).bytesRead);
  } finally {
    await handle.close();
  }
  if (!head.equals(GGUF_MAGIC)) {
    await unlink(realFile).catch(() => undefined);
    throw new EngineError("INVALID_MODEL_FILE", `The downloaded file ${path.basename(file)} is not a GGUF model (its first bytes are not "GGUF"); it was deleted.`, { path: file });
  }
}
