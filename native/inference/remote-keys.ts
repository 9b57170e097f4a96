// API keys of remote models, kept out of settings (which are shown, exported and shared) in one
// file only its owner can read (0600), like the headless API token.
import { join } from "node:path";
import { chmod, readFile, writeFile, rename } from "node:fs/promises";
import { z } from "zod";

const KeysDocument = z.object({ format: z.literal("enclave.remote-keys"), version: z.literal(1), keys: z.record(z.string(), z.string()) });

export class RemoteKeys {
  readonly #path: string;
  #keys: Record<string, string> | undefined;

  constructor(dataDir: string) {
    this.#path = join(dataDir, "remote-keys.json");
  }

  async get(id: string): Promise<string | undefined> {
    return (await this.#load())[id];
  }

  async set(id: string, key: string | null): Promise<boolean> {
    const keys = { ...(await this.#load()) };
    if (key === null) delete keys[id];
    else keys[id] = key;
    const temp = `${this.#path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ format: "enclave.remote-keys", version: 1, keys }), { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.#path);
    this.#keys = keys;
    return key !== null;
  }

  async #load(): Promise<Record<string, string>> {
    if (this.#keys) return this.#keys;
    try {
      this.#keys = KeysDocument.parse(JSON.parse(await readFile(this.#path, "utf8"))).keys;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") process.stderr.write(`enclave: remote keys unreadable (${String(err)}); none used\n`);
      this.#keys = {};
    }
    return this.#keys;
  }
}
