import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import type { SearchHit } from "../../../../native/contract/rag.ts";
import { FakeApi } from "../../../testing/fake-api.ts";
import { installApi } from "../../../services/api.ts";
import { initialSearchState, searchCollection, splitHighlights, useCollectionSearch } from "./store.ts";

const hit = (text: string): SearchHit => ({ chunkId: text, documentId: "d", file: "/a.md", pageStart: 1, pageEnd: 1, charStart: 0, charEnd: text.length, headingPath: [], text, score: 1, highlights: [] });

beforeEach(() => useCollectionSearch.setState(initialSearchState(), true));

test("splitHighlights marks each range once, in order, clipped to the text", () => {
  assert.deepEqual(splitHighlights("the wombat ate", [{ start: 4, end: 10 }]), [
    { text: "the ", match: false },
    { text: "wombat", match: true },
    { text: " ate", match: false },
  ]);
  // unsorted, overlapping, and past the end
  assert.deepEqual(splitHighlights("abcdef", [{ start: 3, end: 9 }, { start: 0, end: 2 }, { start: 1, end: 4 }]), [
    { text: "ab", match: true },
    { text: "cd", match: true },
    { text: "ef", match: true },
  ]);
  assert.deepEqual(splitHighlights("abc", []), [{ text: "abc", match: false }]);
  assert.deepEqual(splitHighlights("abc", [{ start: 2, end: 2 }, { start: -4, end: 0 }]), [{ text: "abc", match: false }]);
});

test("an older query's slower answer does not replace a newer one; failures become a sentence", async () => {
  const answers: Record<string, (v: { hits: SearchHit[]; mode: "fulltext" }) => void> = {};
  const fake = new FakeApi().handle("rag.search", ({ query }) => new Promise((resolve) => (answers[query] = resolve)));
  installApi(fake);
  const first = searchCollection("C", "old");
  const second = searchCollection("C", "new");
  answers["new"]!({ hits: [hit("new one")], mode: "fulltext" });
  await second;
  answers["old"]!({ hits: [hit("old one")], mode: "fulltext" });
  await first;
  assert.deepEqual(useCollectionSearch.getState().hits.map((h) => h.text), ["new one"]);
  assert.equal(useCollectionSearch.getState().query, "new");

  fake.handle("rag.search", () => {
    throw { code: "INTERNAL", message: "The index is being rebuilt." };
  });
  await searchCollection("C", "x");
  assert.equal(useCollectionSearch.getState().error, "The index is being rebuilt.");
  assert.deepEqual(useCollectionSearch.getState().hits, []);

  await searchCollection("C", "   ");
  assert.equal(fake.callsOf("rag.search").length, 3, "a blank query is not sent");
  assert.equal(useCollectionSearch.getState().query, "");
});
