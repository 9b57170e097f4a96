import { test } from "node:test";
import assert from "node:assert/strict";
import { fuseRrf, multiQuerySearch, parseRewrites, rewritePrompt, RRF_K } from "./multi-query.ts";

test("the prompt names the languages and carries the question", () => {
  const p = rewritePrompt("How do I print a date in French?", ["fr", "de"]);
  assert.match(p, /French, German/);
  assert.match(p, /Question: How do I print a date in French\?/);
});

test("rewrites: markers and language labels stripped, the question, repeats, blanks and junk dropped, at most 3", () => {
  const answer = "1. French: Comment afficher une date en français ?\n- Deutsch: Wie gibt man ein Datum auf Französisch aus?\n\nHow do I print a date in French?\n2) comment afficher une date en français ?\n42\n" + "x".repeat(400) + "\nA\nOne more\nAnd another";
  assert.deepEqual(parseRewrites(answer, "How do I print a date in French?"), ["Comment afficher une date en français ?", "Wie gibt man ein Datum auf Französisch aus?", "One more"]);
});

test("RRF: an item high in two lists beats one at the top of one; scores by hand", () => {
  const fused = fuseRrf([["a", "b", "c"], ["b", "d"]], (x) => x, 10);
  assert.deepEqual(fused, ["b", "a", "d", "c"]);
  // b: 1/(K+2) + 1/(K+1) > a: 1/(K+1) > d: 1/(K+2) > c: 1/(K+3)
  assert.ok(1 / (RRF_K + 2) + 1 / (RRF_K + 1) > 1 / (RRF_K + 1));
  assert.deepEqual(fuseRrf([["a", "b"]], (x) => x, 1), ["a"]);
});

test("multi-query: each rewrite searched and fused; a failing model leaves the plain search", async () => {
  const searched: string[] = [];
  const search = async (q: string) => {
    searched.push(q);
    return q.startsWith("Comment") ? [{ id: "fr-page" }, { id: "en-page" }] : [{ id: "en-page" }, { id: "other" }];
  };
  const out = await multiQuerySearch("print a date in French", ["fr"], { generate: async () => "Comment afficher une date", search, keyOf: (r) => r.id }, { limit: 3 });
  assert.deepEqual(searched, ["print a date in French", "Comment afficher une date"]);
  assert.deepEqual(out.queries, ["print a date in French", "Comment afficher une date"]);
  assert.deepEqual(out.results.map((r) => r.id), ["en-page", "fr-page", "other"]);

  const failed = await multiQuerySearch("q", ["fr"], { generate: async () => Promise.reject(new Error("no model")), search, keyOf: (r) => r.id }, { limit: 1 });
  assert.deepEqual(failed, { results: [{ id: "en-page" }], queries: ["q"] });
});
