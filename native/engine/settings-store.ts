// User settings, persisted as a versioned JSON document. The managed policy sits on top: `locked`
// keys come from it and cannot be changed here, and its bounds are checked on every change.
import { join } from "node:path";
import { z } from "zod";
import { EngineError } from "../contract/errors.ts";
import { DEFAULT_SETTINGS, Settings } from "../contract/settings.ts";
import { readJson, writeJsonAtomic } from "../util/json-file.ts";

const SettingsDocument = z.object({
  format: z.literal("enclave.settings"),
  version: z.literal(1),
  settings: Settings.partial(),
});

export class SettingsStore {
  #settings: Settings;
  readonly #path: string;
  readonly #locked: ReadonlySet<keyof Settings>;
  readonly #check: (next: Settings) => void;

  private constructor(path: string, settings: Settings, locked: ReadonlySet<keyof Settings>, check: (next: Settings) => void) {
    this.#path = path;
    this.#settings = settings;
    this.#locked = locked;
    this.#check = check;
  }

  /** `locked`: values a policy fixes; `clamp`/`check`: bounds it sets on the others. */
  static async open(dataDir: string, options: { locked?: Partial<Settings>; clamp?: (s: Settings) => Settings; check?: (next: Settings) => void } = {}): Promise<SettingsStore> {
    const path = join(dataDir, "settings.json");
    const doc = await readJson(path, SettingsDocument, { format: "enclave.settings", version: 1, settings: {} }, (reason) =>
      process.stderr.write(`enclave: settings ignored (${reason}); using defaults\n`),
    );
    const locked = options.locked ?? {};
    const merged = { ...DEFAULT_SETTINGS, ...doc.settings, ...locked };
    const settings = options.clamp ? options.clamp(merged) : merged;
    return new SettingsStore(path, settings, new Set(Object.keys(locked) as (keyof Settings)[]), options.check ?? (() => undefined));
  }

  get(): Settings {
    return this.#settings;
  }

  get locked(): string[] {
    return [...this.#locked];
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const refused = Object.keys(patch).filter((key) => this.#locked.has(key as keyof Settings));
    if (refused.length) throw new EngineError("POLICY_DENIED", `These settings are fixed by your organisation's policy: ${refused.join(", ")}.`);
    const next = Settings.parse({ ...this.#settings, ...patch });
    this.#check(next);
    await writeJsonAtomic(this.#path, { format: "enclave.settings", version: 1, settings: next });
    this.#settings = next;
    return next;
  }
}
