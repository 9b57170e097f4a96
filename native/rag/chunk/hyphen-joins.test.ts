import { test } from "node:test";
import assert from "node:assert/strict";
import { hyphenJoins } from "./hyphen-joins.ts";
import { searchTextOf } from "./search-text.ts";

test("hyphenated words of letters are joined into one, each once; other hyphens are left alone", () => {
  assert.deepEqual(hyphenJoins("Binomial-Koeffizienten und DTP-Programmen; Binomial-Koeffizienten, c'est-à-dire"), ["BinomialKoeffizienten", "DTPProgrammen", "estàdire"]);
  assert.deepEqual(hyphenJoins("x - y, 3-4, -dFIXEDMEDIA, a4-paper, well-"), []);
});

test("the joined forms follow the passage in its search text; the shown text is untouched", () => {
  const chunk = { text: "Binomial-Koeffizienten setzt man mit \\choose.", headingPath: ["Brüche"] };
  assert.equal(searchTextOf(chunk, "l2kurz"), "l2kurz\nBrüche\nBinomial-Koeffizienten setzt man mit \\choose.\nBinomialKoeffizienten");
  assert.equal(searchTextOf({ text: "No compounds.", headingPath: [] }, ""), "No compounds.");
});
