// API keys of remote models, kept out of settings (which are shown, exported and shared). Headless,
// they live in one file only its owner can read (0600), like the headless API token. The desktop app
// keeps them in the OS keychain instead and hands them over at start (hold): from then on the engine
// holds them in memory only, the app stores each change in the keychain, and the file is gone.
import { join } from "node:path";
import { chmod, readFile, writeFile, rename, rm } from "node:fs/promises";
import { z } from "zod";

const KeysDocument = z.object({ format: z.literal("enclave.remote-keys"), version: z.literal(1), keys: z.record(z.string(), z.string()) });

export type KeyStore = "file" | "keychain";

export class RemoteKeys {
  readonly #path: string;
  #keys: Record<string, string> | undefined;
  #store: KeyStore = "file";

  constructor(dataDir: string) {
    this.#path = join(dataDir, "remote-keys.json");
  }

  get store(): KeyStore {
    return this.#store;
  }

  async get(id: string): Promise<string | undefined> {
    return (await this.#load())[id];
  }

  /** The ids that have a key (never the keys: they are not shown back). */
  async ids(): Promise<string[]> {
    return Object.keys(await this.#load()).sort();
  }

  async set(id: string, key: string | null): Promise<boolean> {
    const keys = { ...(await this.#load()) };
    if (key === null) delete keys[id];
    else keys[id] = key;
    if (this.#store === "file") await this.#write(keys);
    this.#keys = keys;
    return key !== null;
  }

  /** Takes the app's keychain keys and keeps keys in memory from now on. Returns the keys the file
   *  held that the app did not (from before the app kept them), for the app to move to the keychain;
   *  the file is then removed. */
  async hold(keys: Record<string, string>): Promise<Record<string, string>> {
    const filed = this.#store === "file" ? await this.#load() : {};
    const moved = Object.fromEntries(Object.entries(filed).filter(([id]) => !(id in keys)));
    this.#store = "keychain";
    this.#keys = { ...moved, ...keys };
    await rm(this.#path, { force: true });
    return moved;
  }

  async #write(keys: Record<string, string>): Promise<void> {
    const temp = `${this.#path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ format: "enclave.remote-keys", version: 1, keys }), { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.#path);
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
