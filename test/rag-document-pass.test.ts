// The second full-text pass inside the leading document (native/rag/retrieve/document-pass.ts)
// through the real ingest pipeline, LanceDB's BM25 and the Retriever. Across the collection,
// "quokka" is on every page of another document, so the coverage rerank counts it as a word that
// tells nothing apart and keeps the manual's page that repeats "zephyr" first. Inside the manual,
// "zephyr" is on every page and "quokka" on one: re-scored among the manual's own passages, the page
// holding both words together fills the manual's first place. Other documents keep their places.
import { test } from "node:test";
import assert from "node:assert/strict";
import { basename } from "node:path";
import { Retriever } from "../native/rag/retrieve/index.ts";
import { buildPdf } from "./fixtures/documents/pdf-writer.ts";
import { withIngestedCollection } from "./helpers/rag-fixture.ts";

/** Distinct filler words spelled in letters (lines alike on most pages would be dropped as running headers). */
function filler(page: number, n: number): string[] {
  const letters = (k: number) => [...String(k)].map((d) => "abcdefghij"[Number(d)]).join("");
  return Array.from({ length: n }, (_, i) => `w${letters(page)}q${letters(i)}`);
}

function pdf(pages: string[][]): Buffer {
  const lines = (words: string[]) => Array.from({ length: Math.ceil(words.length / 10) }, (_, i) => words.slice(i * 10, i * 10 + 10).join(" "));
  return buildPdf(pages.map((words) => ({ texts: lines(words).map((text, i) => ({ x: 72, y: 720 - 14 * i, size: 10, text })) })));
}

/** Every page 60 words long, so that BM25's length normalisation treats them alike. */
function page(n: number, words: string[]): string[] {
  const fill = filler(n, 60 - words.length);
  const out = [...fill];
  words.forEach((w, i) => out.splice(Math.floor(((i + 1) * fill.length) / (words.length + 1)) + i, 0, w));
  return out;
}

test("the leading document's places are filled by its own candidates, re-scored among themselves", { timeout: 180_000 }, async () => {
  const together = [...filler(2, 30), "zephyr", "quokka", ...filler(102, 28)];
  const manual = pdf([
    page(1, Array<string>(6).fill("zephyr")),
    together,
    page(3, ["zephyr", "zephyr"]),
    page(4, ["zephyr", "zephyr"]),
    page(5, ["zephyr", "zephyr"]),
  ]);
  const other = pdf(Array.from({ length: 30 }, (_, i) => page(200 + i, ["quokka"])));
  await withIngestedCollection({ "manual.pdf": manual, "other.pdf": other }, "c", async (store, run) => {
    assert.deepEqual(run.files.map((f) => f.outcome), ["added", "added"]);
    const question = "zephyr quokka";
    const cite = (rs: { path: string; page: number }[]) => rs.map((r) => `${basename(r.path)} p${r.page}`);
    // The plain rerank at 0.5 (round 1's): at the default's 0.7 the first pass alone already
    // prefers the page with both words, and the pass would have nothing to show.
    const coverage = { weight: 0.5, window: 24, prefix: 5 };
    const once = await new Retriever(store, { coverage, documentPass: false }).search(question, { limit: 5, mode: "fulltext" });
    const twice = await new Retriever(store, { coverage, documentPass: true }).search(question, { limit: 5, mode: "fulltext" });
    assert.equal(cite(once)[0], "manual.pdf p1", "across the collection, quokka tells nothing apart");
    assert.equal(cite(twice)[0], "manual.pdf p2", "inside the manual, quokka is the rare word");
    assert.deepEqual(twice.map((r) => basename(r.path)), once.map((r) => basename(r.path)), "each document keeps its places");
  });
});
