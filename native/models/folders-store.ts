// The folders the user added, kept in `<dataDir>/models/folders.json` (atomic, versioned).
import { z } from "zod";
import { readJson, writeJsonAtomic } from "../util/json-file.ts";
import { Mutex } from "../util/mutex.ts";

const FoldersDoc = z.object({
  format: z.literal("enclave.model-folders"),
  version: z.literal(1),
  folders: z.array(z.object({ path: z.string().min(1), addedAt: z.string() })),
});
export type FoldersDoc = z.infer<typeof FoldersDoc>;

export class FoldersStore {
  readonly #file: string;
  readonly #onInvalid: ((reason: string) => void) | undefined;
  #doc: Promise<FoldersDoc> | undefined;
  /** One write at a time, each with the latest state: never an older document over a newer one. */
  readonly #writes = new Mutex();

  constructor(file: string, onInvalid?: (reason: string) => void) {
    this.#file = file;
    this.#onInvalid = onInvalid;
  }

  #load(): Promise<FoldersDoc> {
    this.#doc ??= readJson(this.#file, FoldersDoc, { format: "enclave.model-folders", version: 1, folders: [] }, this.#onInvalid);
    return this.#doc;
  }

  async paths(): Promise<string[]> {
    return (await this.#load()).folders.map((f) => f.path);
  }

  /** Returns false when the folder was already there. */
  async add(path: string): Promise<boolean> {
    const doc = await this.#load();
    if (doc.folders.some((f) => f.path === path)) return false;
    doc.folders.push({ path, addedAt: new Date().toISOString() });
    await this.#save(doc);
    return true;
  }

  async remove(path: string): Promise<boolean> {
    const doc = await this.#load();
    const before = doc.folders.length;
    doc.folders = doc.folders.filter((f) => f.path !== path);
    if (doc.folders.length === before) return false;
    await this.#save(doc);
    return true;
  }

  #save(doc: FoldersDoc): Promise<void> {
    return this.#writes.run(() => writeJsonAtomic(this.#file, doc));
  }

  /** Waits for pending writes (a failed one has already rejected its caller). */
  async close(): Promise<void> {
    await this.#writes.drained();
  }
}
