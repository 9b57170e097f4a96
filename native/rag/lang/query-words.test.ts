import { test } from "node:test";
import assert from "node:assert/strict";
import { contentQuery } from "./query-words.ts";

test("question words of English, French and German go; content words, commands and numbers stay", () => {
  assert.equal(contentQuery("How do I force A4 paper when converting with ps2pdf?"), "force A4 paper converting ps2pdf");
  assert.equal(contentQuery("Comment saisir une température comme 20 °C avec babel-french ?"), "saisir température comme 20 babel french", "elided c/d/l/n/s go too");
  assert.equal(contentQuery("Welches Paket erkennt die Kodierung für Umlaute automatisch?"), "Paket erkennt Kodierung Umlaute automatisch");
  assert.equal(contentQuery("What should replace \\usepackage{t1enc}?"), "replace \\usepackage t1enc");
});

test("a question made only of stop words is kept whole rather than emptied", () => {
  assert.equal(contentQuery("What is it?"), "What is it");
});
