import { test } from "node:test";
import assert from "node:assert/strict";
import { diversify } from "./diversify.ts";

const r = (documentId: string, page: number) => ({ documentId, page, id: `${documentId}:${page}` });

test("one passage per page in the window: the best one first, the page's others follow the window, none dropped", () => {
  const out = diversify([r("a", 1), r("a", 1), r("b", 2), r("a", 1), r("a", 3)]);
  assert.deepEqual(out.map((x) => x.id), ["a:1", "b:2", "a:3", "a:1", "a:1"]);
});

test("a one-page document (Markdown, text) still gives all its passages, in rank order", () => {
  const ranked = Array.from({ length: 8 }, (_, i) => ({ documentId: "readme", page: 1, id: `p${i}` }));
  assert.deepEqual(diversify(ranked).map((x) => x.id), ranked.map((x) => x.id));
});

test("at most perDocument of one document in the window; held-back passages follow in order", () => {
  const ranked = [r("long", 1), r("long", 2), r("long", 3), r("long", 4), r("long", 5), r("short", 1), r("other", 9)];
  const out = diversify(ranked, { perDocument: 3, window: 5 });
  assert.deepEqual(out.map((x) => x.id), ["long:1", "long:2", "long:3", "short:1", "other:9", "long:4", "long:5"]);
});

test("with nothing else to show, the document's further pages still come back", () => {
  const out = diversify([r("a", 1), r("a", 2), r("a", 3), r("a", 4)], { perDocument: 2, window: 5 });
  assert.deepEqual(out.map((x) => x.id), ["a:1", "a:2", "a:3", "a:4"]);
});
