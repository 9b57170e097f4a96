// Streaming SHA-256 of a file, stoppable by a signal; large files never sit in memory.
import { createHash } from "node:crypto";
import { openRegularFile } from "../../util/regular-file.ts";
import { EngineError } from "../../contract/errors.ts";

export async function sha256OfFile(path: string, options: { signal?: AbortSignal; onBytes?: (done: number) => void } = {}): Promise<string> {
  const hash = createHash("sha256");
  let done = 0;
  const stream = (await openRegularFile(path)).createReadStream({ highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      if (options.signal?.aborted) throw new EngineError("ABORTED", "Cancelled while hashing.");
      hash.update(chunk as Buffer);
      done += (chunk as Buffer).length;
      options.onBytes?.(done);
    }
  } finally {
    stream.destroy();
  }
  return hash.digest("hex");
}

/** The document id: one per (collection, absolute path), so a changed file keeps its id and is replaced by a generation flip. */
export function documentIdFor(collection: string, path: string): string {
  return createHash("sha256").update(`${collection}\u0000${path}`).digest("hex").slice(0, 32);
}
