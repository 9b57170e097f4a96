import { test } from "node:test";
import assert from "node:assert/strict";
import { searchTextOf, withSearchText } from "./search-text.ts";

test("search text: the document's context, the headings above, then the passage", () => {
  assert.equal(searchTextOf({ text: "Use exists().", headingPath: ["Differences", "Deprecated syntax"] }, "gnuplot"), "gnuplot\nDifferences\nDeprecated syntax\nUse exists().");
  assert.equal(searchTextOf({ text: "Plain.", headingPath: [] }, ""), "Plain.", "nothing added when there is no context");
});

test("withSearchText keeps every other field and the shown text as they were", () => {
  const chunk = { index: 0, text: "Body", tokens: 1, pageStart: 2, pageEnd: 2, charStart: 5, charEnd: 9, headingPath: ["H"] };
  const [out] = withSearchText([chunk], "Manual");
  assert.deepEqual(out, { ...chunk, searchText: "Manual\nH\nBody" });
});
