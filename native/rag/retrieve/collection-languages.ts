// The languages a collection's documents are written in, for multi-query rewriting: each ready
// document's first passages go through franc-min (restricted to the languages Enclave analyses),
// and the answer is cached until a document of the collection changes version.
import { franc } from "franc-min";
import type { RagStore } from "../index/index.ts";
import { sql } from "../index/sql.ts";

const FRANC_CODES: Readonly<Record<string, string>> = { eng: "en", fra: "fr", deu: "de" };
/** Characters of each document read to tell its language: a few passages are plenty. */
const SAMPLE_CHARS = 4000;

/** "en", "fr", "de", or null when the text is too short or none of them. */
export function detectLanguage(text: string): string | null {
  return FRANC_CODES[franc(text, { only: Object.keys(FRANC_CODES), minLength: 20 })] ?? null;
}

export class CollectionLanguages {
  readonly #cache = new Map<string, { signature: string; languages: string[] }>();

  /** The languages of the ready documents of `collection` (all collections when undefined), most documents first. */
  async get(store: RagStore, collection: string | undefined): Promise<string[]> {
    const docs = await store.listDocuments({ ...(collection !== undefined && { collection }), status: "ready" });
    const signature = docs.map((d) => `${d.id}@${d.version}`).join(",");
    const key = collection ?? "\u0000all";
    const cached = this.#cache.get(key);
    if (cached?.signature === signature) return cached.languages;
    const counts = new Map<string, number>();
    for (const doc of docs) {
      const rows = await store.chunks.query().where(`documentId = ${sql(doc.id)} AND docVersion = ${doc.version}`).select(["text"]).limit(12).toArray();
      const lang = detectLanguage(rows.map((r) => String(r.text)).join("\n").slice(0, SAMPLE_CHARS));
      if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
    const languages = [...counts].sort((a, b) => b[1] - a[1]).map(([l]) => l);
    this.#cache.set(key, { signature, languages });
    return languages;
  }
}
