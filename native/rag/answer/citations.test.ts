import { test } from "node:test";
import assert from "node:assert/strict";
import type { SearchHit } from "../../contract/rag.ts";
import { extractCitations, normalizeForMatch } from "./citations.ts";
import { buildGroundedPrompt } from "./grounded-prompt.ts";

function hit(id: string, text: string, page = 1): SearchHit {
  return { chunkId: id, documentId: `doc-${id}`, file: `/docs/${id}.pdf`, pageStart: page, pageEnd: page, charStart: 0, charEnd: text.length, headingPath: [], text, score: 1, highlights: [] };
}
const sources = [
  { n: 1, hit: hit("a", "The lease ends on 31 March 2027 unless renewed in writing.", 4) },
  { n: 2, hit: hit("b", "Either party may terminate with ninety days’ notice.", 7) },
];

test("cited sources come back in order with page and text; uncited ones are left out", () => {
  const c = extractCitations("The lease ends in 2027 [1]. Nothing else [9].", sources);
  assert.deepEqual(c.map((x) => [x.n, x.page, x.file]), [[1, 4, "/docs/a.pdf"]]);
  assert.equal(c[0]!.verified, true);
});

test("a quote is checked against the source cited after it in the same sentence", () => {
  const c = extractCitations('It says "ends on 31 March 2027" [1] and "with ninety days\' notice" [2].', sources);
  assert.deepEqual(c.map((x) => x.quotes), [[{ text: "ends on 31 March 2027", verified: true }], [{ text: "with ninety days' notice", verified: true }]]);
});

test("a quote attributed to the wrong source, or paraphrased, is not verified", () => {
  const c = extractCitations('Per [2], "the lease ends on 31 March 2027". Also “ends in spring” [1].', sources);
  assert.equal(c.find((x) => x.n === 2)!.verified, false);
  assert.equal(c.find((x) => x.n === 1)!.verified, false);
});

test("grouped markers and curly quotes are understood", () => {
  const c = extractCitations("“Either party may terminate” [2, 1]", sources);
  assert.deepEqual(c.map((x) => x.n), [1, 2]);
  assert.equal(c.find((x) => x.n === 2)!.quotes[0]!.verified, true);
});

test("normalization ignores case, spacing and quote/dash styles only", () => {
  assert.equal(normalizeForMatch("Ninety  days’ — notice"), "ninety days' - notice");
});

test("the prompt numbers sources in rank order and drops what does not fit", () => {
  const count = (t: string) => t.split(/\s+/).length;
  const big = hit("c", "word ".repeat(500));
  const p = buildGroundedPrompt("When does the lease end?", [sources[0]!.hit, big, sources[1]!.hit], { budgetTokens: 150, countTokens: count });
  assert.deepEqual(p.sources.map((s) => [s.n, s.hit.chunkId]), [[1, "a"], [2, "b"]]);
  assert.equal(p.dropped, 1);
  assert.match(p.prompt, /\[1\] a\.pdf, page 4\nThe lease ends/);
  assert.match(p.prompt, /Question: When does the lease end\?$/);
});
