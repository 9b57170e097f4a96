import { test } from "node:test";
import assert from "node:assert/strict";
import { bestWindowWeight, candidateWeights, coverageRerank, coverageRerankWithinDocuments, foldedWords, questionKeys, searchTextOf, termKey } from "./term-coverage.ts";

const options = { weight: 0.5, window: 24, prefix: 5 };

test("words are folded to lower-case ASCII and split on anything that is not a letter or digit", () => {
  assert.deepEqual(foldedWords("Trois consonnes IDENTIQUES — Straße, é-tude 3.5"), ["trois", "consonnes", "identiques", "strasse", "e", "tude", "3", "5"]);
});

test("a term is compared by its first letters, so inflections and cognates across languages meet", () => {
  assert.equal(termKey("consonants", 5), termKey("consonnes", 5));
  assert.equal(termKey("identical", 5), termKey("identiques", 5));
  assert.equal(termKey("tex", 5), "tex");
  assert.notEqual(termKey("consonants", 0), termKey("consonnes", 0));
  assert.deepEqual(questionKeys(["Consonants", "consonant", "ß"], 5), ["conso", "ss"]);
});

test("a key every candidate holds weighs less than a rare one, and one none holds weighs nothing", () => {
  const w = candidateWeights(["gnupl", "undef", "zzz"], [["gnupl", "undef"], ["gnupl"], ["gnupl"], ["gnupl"]]);
  assert.ok(w.get("undef")! > w.get("gnupl")!);
  assert.ok(w.get("gnupl")! > 0);
  assert.equal(w.get("zzz"), 0);
});

test("the window counts each key once and only keys found together within it", () => {
  const weights = new Map([["a", 1], ["b", 2]]);
  assert.equal(bestWindowWeight(["a", "a", "a"], weights, 3), 1);
  assert.equal(bestWindowWeight(["a", "x", "x", "x", "b"], weights, 3), 2); // never together within 3 words
  assert.equal(bestWindowWeight(["a", "x", "x", "x", "b"], weights, 5), 3);
  assert.equal(bestWindowWeight(["a", "x", "x", "x", "b"], weights, 0), 3); // 0: the whole passage
});

test("the page that holds the question's rare words together overtakes pages repeating its common word", () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(" ");
  const candidates = [
    { id: "p233", score: 10, searchText: `gnuplot gnuplot gnuplot plot gnuplot ${filler(10)} gnuplot data` },
    { id: "p234", score: 9, searchText: `gnuplot plot gnuplot variable ${filler(10)} gnuplot` },
    { id: "p30", score: 6, searchText: `gnuplot: the keyword thru is deprecated; apply a function to a data column with using ${filler(3)}` },
  ];
  const out = coverageRerank(candidates, ["gnuplot", "thru", "keyword", "function", "data", "column"], options);
  assert.equal(out[0]!.id, "p30");
  assert.deepEqual(out.map((c) => c.id).sort(), ["p233", "p234", "p30"]);
});

test("an English question term meets its French cognate on the page", () => {
  const candidates = [
    { id: "other", score: 10, searchText: "règles de césure allemandes" },
    { id: "answer", score: 8, searchText: "trois consonnes identiques à la césure" },
  ];
  assert.equal(coverageRerank(candidates, ["three", "identical", "consonants", "césure"], options)[0]!.id, "answer");
});

test("weight 0 and a question whose terms no candidate holds keep the BM25 order", () => {
  const candidates = [
    { id: "a", score: 3, searchText: "alpha" },
    { id: "b", score: 2, searchText: "beta gamma" },
  ];
  assert.deepEqual(coverageRerank(candidates, ["beta", "gamma"], { ...options, weight: 0 }).map((c) => c.id), ["a", "b"]);
  assert.deepEqual(coverageRerank(candidates, ["omega"], options).map((c) => c.id), ["a", "b"]);
  assert.deepEqual(coverageRerank(candidates, ["beta", "gamma"], { ...options, weight: 1 }).map((c) => c.id), ["b", "a"]);
});

test("a passage's headings are matched with its text", () => {
  assert.equal(searchTextOf({ text: "body", headingPath: ["Chapter", "Section"] }), "Chapter\nSection\nbody");
});

test("within documents, each document keeps its full-text places and only its own passages trade them", () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(" ");
  const candidates = [
    { id: "a1", documentId: "A", score: 10, searchText: `gnuplot gnuplot gnuplot ${filler(30)} gnuplot` },
    { id: "b1", documentId: "B", score: 9, searchText: `thru ${filler(30)} column` },
    { id: "a2", documentId: "A", score: 6, searchText: `gnuplot thru keyword column ${filler(3)}` },
    { id: "b2", documentId: "B", score: 5, searchText: `thru keyword column ${filler(3)}` },
  ];
  const terms = ["gnuplot", "thru", "keyword", "column"];
  const plain = coverageRerank(candidates, terms, options).map((c) => c.id);
  const within = coverageRerankWithinDocuments(candidates, terms, options).map((c) => c.id);
  assert.notDeepEqual(plain.map((id) => id[0]), ["a", "b", "a", "b"], "the plain rerank moves documents");
  assert.deepEqual(within.map((id) => id[0]), ["a", "b", "a", "b"], "documents keep their places");
  assert.deepEqual(within, ["a2", "b2", "a1", "b1"], "each document's better-covering passage takes its first place");
});
