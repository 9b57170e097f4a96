// A small per-key cache kept in one JSON document (`{format, version: 1, <field>: {key: entry}}`),
// read once and written atomically on each change: the thread probes and the memory measurements
// per model file. A damaged file reads as empty (readJson), so a cache never stops the app.
import { z } from "zod";
import { readJson, writeJsonAtomic } from "./json-file.ts";

export class KeyedJsonCache<T> {
  readonly #path: string;
  readonly #format: string;
  readonly #field: string;
  readonly #schema: z.ZodType<{ format: string; version: 1 } & Record<string, unknown>>;
  #doc: Promise<Record<string, unknown>> | undefined;

  /** `field` names the record in the document (kept as older files have it). */
  constructor(path: string, format: string, field: string, entry: z.ZodType<T>) {
    this.#path = path;
    this.#format = format;
    this.#field = field;
    this.#schema = z.object({ format: z.literal(format), version: z.literal(1), [field]: z.record(z.string(), entry) }) as never;
  }

  async get(key: string): Promise<T | undefined> {
    return (await this.#entries())[key];
  }

  async set(key: string, value: T): Promise<void> {
    const doc = await this.#load();
    (doc[this.#field] as Record<string, T>)[key] = value;
    await writeJsonAtomic(this.#path, doc);
  }

  async #entries(): Promise<Record<string, T>> {
    return (await this.#load())[this.#field] as Record<string, T>;
  }

  #load(): Promise<Record<string, unknown>> {
    this.#doc ??= readJson(this.#path, this.#schema, { format: this.#format, version: 1, [this.#field]: {} });
    return this.#doc;
  }
}
