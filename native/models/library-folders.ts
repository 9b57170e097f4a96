// The folder registry: which folders the library scans — the download folder, other apps' model
// folders, and the ones the user added (kept in `<dataDir>/models/folders.json`).
import { readdir, stat } from "node:fs/promises";
import { join, resolve as resolvePath } from "node:path";
import { EngineError } from "../contract/errors.ts";
import type { ModelFolder, ModelSource } from "../contract/models.ts";
import { FoldersStore } from "./folders-store.ts";
import { fsError, isDirectory } from "./fs-checks.ts";
import { appModelFolders } from "./sources.ts";

export interface LibraryFoldersOptions {
  dataDir: string;
  home: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  downloadDir?: string | null | (() => string | null | undefined);
  includeAppFolders?: boolean;
}

export class LibraryFolders {
  readonly #options: LibraryFoldersOptions;
  readonly #store: FoldersStore;

  constructor(options: LibraryFoldersOptions) {
    this.#options = options;
    this.#store = new FoldersStore(join(options.dataDir, "models", "folders.json"));
  }

  /** Reads the user's folder list (a damaged list is replaced by an empty one). */
  async open(): Promise<void> {
    await this.#store.paths();
  }

  /** Where downloads go now. */
  get downloadDir(): string {
    const option = this.#options.downloadDir;
    const dir = typeof option === "function" ? option() : option;
    return dir ? this.absolute(dir) : join(this.#options.dataDir, "models");
  }

  /** `~` expanded, relative paths resolved. */
  absolute(path: string): string {
    if (path === "~" || path.startsWith("~/")) return join(this.#options.home, path.slice(1));
    return resolvePath(path);
  }

  /** Every folder the library looks at: the download folder, other apps', then the user's. */
  async list(): Promise<ModelFolder[]> {
    const { home, env, platform } = this.#options;
    const specs: { path: string; source: ModelSource; auto: boolean }[] = [
      { path: this.downloadDir, source: "download", auto: true },
      ...(this.#options.includeAppFolders === false ? [] : appModelFolders({ home, env, platform }).map((f) => ({ ...f, auto: true }))),
      ...(await this.#store.paths()).map((path) => ({ path, source: "user" as const, auto: false })),
    ];
    return Promise.all(specs.map(async (s) => ({ ...s, exists: await isDirectory(s.path) })));
  }

  /** Checks that `path` is a readable folder and keeps it; returns its absolute path. */
  async add(path: string): Promise<string> {
    const abs = this.absolute(path);
    let st;
    try {
      st = await stat(abs);
    } catch (err) {
      throw fsError(err, abs);
    }
    if (!st.isDirectory()) throw new EngineError("INVALID_INPUT", `${abs} is a file, not a folder.`);
    try {
      await readdir(abs);
    } catch (err) {
      throw fsError(err, abs);
    }
    await this.#store.add(abs);
    return abs;
  }

  /** Stops keeping a user folder; true when it was kept. */
  remove(path: string): Promise<boolean> {
    return this.#store.remove(this.absolute(path));
  }

  close(): Promise<void> {
    return this.#store.close();
  }
}
