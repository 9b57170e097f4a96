// Decodes a text file in chunks: UTF-8 (BOM or not), UTF-16 with a BOM, and anything that is not
// valid UTF-8 as Windows-1252 (a superset of Latin-1 for printable text), so that French and German
// files saved by old Windows tools come out right. Memory stays bounded by the chunk size plus the
// caller's cap.
import { throwIfAborted } from "./errors.ts";
import { openRegularFile } from "../../util/regular-file.ts";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

const CHUNK_BYTES = 1 << 20;

export async function detectBom(path: string): Promise<{ encoding: TextEncoding | null; bomLength: number }> {
  const handle = await openRegularFile(path);
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    if (bytesRead >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
    if (bytesRead >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
    if (bytesRead >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
    return { encoding: null, bomLength: 0 };
  } finally {
    await handle.close();
  }
}

/**
 * Yields decoded text chunks with `\r\n` and lone `\r` turned into `\n`. Without a BOM it tries
 * strict UTF-8; at the first invalid byte it switches to Windows-1252 — from the start of the file
 * when nothing has been yielded yet (the first 4 MB are held back for that), otherwise from the
 * chunk that failed (`onEncoding` is told either way).
 */
export async function* decodeChunks(
  path: string,
  options: { signal?: AbortSignal; onBytes?: (done: number, total: number) => void; onEncoding?: (e: TextEncoding) => void } = {},
): AsyncGenerator<string> {
  const bom = await detectBom(path);
  let encoding: TextEncoding = bom.encoding ?? "utf-8";
  let strict = bom.encoding === null;
  let decoder = new TextDecoder(encoding, { fatal: strict });
  options.onEncoding?.(encoding);
  const handle = await openRegularFile(path);
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = bom.bomLength;
    let pendingCr = false;
    let held: string[] = [];
    let yieldedAny = false;
    for (;;) {
      throwIfAborted(options.signal);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      let text: string;
      try {
        text = bytesRead === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      } catch (err) {
        if (!(err instanceof TypeError) || !strict) throw err;
        strict = false;
        encoding = "windows-1252";
        decoder = new TextDecoder(encoding);
        options.onEncoding?.(encoding);
        if (!yieldedAny) {
          held = [];
          pendingCr = false;
          position = bom.bomLength;
        }
        continue;
      }
      position += bytesRead;
      if (pendingCr) text = "\r" + text;
      pendingCr = bytesRead > 0 && text.endsWith("\r");
      if (pendingCr) text = text.slice(0, -1);
      if (text) held.push(text.replace(/\r\n?/g, "\n"));
      options.onBytes?.(position, size);
      if (bytesRead === 0 || !strict || position - bom.bomLength > 4 * CHUNK_BYTES) {
        yieldedAny = true;
        yield* held.splice(0);
      }
      if (bytesRead === 0) return;
    }
  } finally {
    await handle.close();
  }
}

/** Reads a whole text file (capped at `maxChars`). */
export async function readTextFile(
  path: string,
  options: { signal?: AbortSignal; maxChars: number },
): Promise<{ text: string; truncated: boolean; encoding: TextEncoding }> {
  let text = "";
  let encoding: TextEncoding = "utf-8";
  let truncated = false;
  for await (const chunk of decodeChunks(path, { signal: options.signal, onEncoding: (e) => (encoding = e) })) {
    text += chunk;
    if (text.length > options.maxChars) {
      text = text.slice(0, options.maxChars);
      truncated = true;
      break;
    }
  }
  return { text, truncated, encoding };
}
