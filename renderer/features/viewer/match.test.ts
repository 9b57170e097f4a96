import { test } from "node:test";
import assert from "node:assert/strict";
import { findPassage } from "./match.ts";

test("a passage is found in one string despite different line breaks and spaces", () => {
  const page = "Chapter 3\n\nThis is page 3. The marker\nfor this page is CHARLIE-333.\n\nMore.";
  const [range] = findPassage([page], "The marker for this page   is CHARLIE-333.");
  assert.ok(range);
  assert.equal(page.slice(range.start, range.end), "The marker\nfor this page is CHARLIE-333.");
});

test("a passage split over text-layer spans maps to a range in each span", () => {
  const spans = ["Chapter 3: charlie", "This is page 3. The ma", "rker for this page is CHARLIE-333.", "Another paragraph"];
  const ranges = findPassage(spans, "page 3. The marker for this page is CHARLIE-333.");
  assert.deepEqual(ranges, [
    { piece: 1, start: 8, end: 22 },
    { piece: 2, start: 0, end: 34 },
  ]);
});

test("case does not matter; an absent passage gives no ranges", () => {
  assert.equal(findPassage(["Alpha BRAVO charlie"], "bravo CHARLIE").length, 1);
  assert.deepEqual(findPassage(["Alpha bravo"], "delta echo foxtrot"), []);
  assert.deepEqual(findPassage([], "x"), []);
  assert.deepEqual(findPassage(["text"], "   "), []);
});

test("a passage that runs onto the next page is found by its part on this page", () => {
  const page1 = "Intro. The agreement ends on 31 March 2027 unless renewed by";
  const passage = "The agreement ends on 31 March 2027 unless renewed by either party in writing within thirty days.";
  const [range] = findPassage([page1], passage);
  assert.equal(page1.slice(range!.start, range!.end), "The agreement ends on 31 March 2027 unless renewed by");
  const page2 = "either party in writing within thirty days. Next section follows here.";
  const [tail] = findPassage([page2], passage);
  assert.equal(page2.slice(tail!.start, tail!.end), "either party in writing within thirty days.");
});

test("a short coincidental overlap is not a match", () => {
  assert.deepEqual(findPassage(["The agreement was"], "The agreement ends on 31 March 2027 unless renewed."), []);
});
