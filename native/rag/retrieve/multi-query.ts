// Multi-query retrieval for collections in several languages when no multilingual embedding model is
// configured: a loaded chat model rewrites the question into the collection's languages, each
// rewrite is searched, and the ranked lists are fused by reciprocal rank (RRF). Off by default
// (settings.multiQuery; RagService.search runs it, on a context of its own: chat-rewriter.ts). What
// the model writes is untrusted text: only short, non-empty, distinct lines are kept, and the
// original question is always searched first.
export type Generate = (prompt: string, options: { maxTokens: number; signal?: AbortSignal }) => Promise<string>;

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: "English", fr: "French", de: "German" };
const MAX_REWRITES = 3;
const MAX_REWRITE_CHARS = 300;
/** RRF's usual constant: ranks deep in one list count little against the top of another. */
export const RRF_K = 60;

export function rewritePrompt(question: string, languages: readonly string[]): string {
  const names = languages.map((l) => LANGUAGE_NAMES[l] ?? l);
  return [
    `Rewrite the search question below for a document search, once in each of these languages: ${names.join(", ")}.`,
    "Keep names, numbers and technical terms as they are. Write one rewrite per line, nothing else.",
    "",
    `Question: ${question}`,
  ].join("\n");
}

/** The usable rewrites in the model's answer: list markers and labels stripped, the question itself and repeats dropped. */
export function parseRewrites(answer: string, question: string): string[] {
  const seen = new Set([normalise(question)]);
  const out: string[] = [];
  for (const raw of answer.split(/\r?\n/)) {
    const line = raw
      .replace(/^\s*(?:[-*•]|\d+[.)])\s*/u, "")
      .replace(/^\s*(?:English|French|German|Français|Deutsch|Anglais|Englisch)\s*:\s*/iu, "")
      .trim();
    if (line.length < 3 || line.length > MAX_REWRITE_CHARS || !/\p{L}/u.test(line)) continue;
    const key = normalise(line);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(line);
    if (out.length === MAX_REWRITES) break;
  }
  return out;
}

/** Reciprocal-rank fusion of ranked lists keyed by `keyOf`; ties keep the earlier list's order. */
export function fuseRrf<T>(lists: readonly (readonly T[])[], keyOf: (item: T) => string, limit: number): T[] {
  const scores = new Map<string, { item: T; score: number; first: number }>();
  let order = 0;
  for (const list of lists) {
    list.forEach((item, rank) => {
      const key = keyOf(item);
      const entry = scores.get(key) ?? { item, score: 0, first: order++ };
      entry.score += 1 / (RRF_K + rank + 1);
      scores.set(key, entry);
    });
  }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.first - b.first).slice(0, limit).map((e) => e.item);
}

/**
 * Searches the question and its rewrites into `languages`, fused by RRF. A model that fails or
 * writes nothing usable leaves the plain search's results.
 */
export async function multiQuerySearch<T>(
  question: string,
  languages: readonly string[],
  deps: { generate: Generate; search: (query: string) => Promise<T[]>; keyOf: (item: T) => string },
  options: { limit: number; signal?: AbortSignal },
): Promise<{ results: T[]; queries: string[] }> {
  const plain = await deps.search(question);
  let rewrites: string[] = [];
  try {
    rewrites = parseRewrites(await deps.generate(rewritePrompt(question, languages), { maxTokens: 160, ...(options.signal && { signal: options.signal }) }), question);
  } catch (err) {
    if (options.signal?.aborted) throw err;
    return { results: plain.slice(0, options.limit), queries: [question] };
  }
  const lists = [plain];
  for (const q of rewrites) lists.push(await deps.search(q));
  return { results: fuseRrf(lists, deps.keyOf, options.limit), queries: [question, ...rewrites] };
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
