import { test } from "node:test";
import assert from "node:assert/strict";
import { layoutPage, type TextItem } from "./pdf-layout.ts";

/** Helvetica-ish: 0.5 em per character. */
const item = (x: number, y: number, str: string, size = 10): TextItem => ({ str, x, y, width: str.length * size * 0.5, height: size });

test("one column with ragged lines stays one column", () => {
  const items = Array.from({ length: 20 }, (_, i) => item(72, 700 - i * 13, "word ".repeat(10 + (i % 7) * 5).trim()));
  const blocks = layoutPage(items, 612);
  assert.equal(blocks.length, 1);
  assert.ok(blocks[0]!.text.startsWith("word word"));
});

test("a label/value table is read row by row, not as two columns", () => {
  const labels = ["Name", "Date of birth", "City", "Account number", "Branch"];
  const items = labels.flatMap((label, i) => [item(72, 700 - i * 14, label), item(400, 700 - i * 14, `value ${i}`)]);
  const text = layoutPage(items, 612).map((b) => b.text).join("\n");
  assert.ok(text.startsWith("Name value 0 Date of birth value 1"), text);
});

test("two justified columns are read left column first", () => {
  const items = Array.from({ length: 8 }, (_, i) => [item(72, 700 - i * 13, `L${i} ${"x".repeat(44)}`), item(330, 700 - i * 13, `R${i} ${"y".repeat(44)}`)]).flat();
  const text = layoutPage(items, 612).map((b) => b.text).join(" ");
  assert.ok(text.indexOf("L7") < text.indexOf("R0"), text);
});

test("paragraphs split at a vertical gap; hyphenated line ends are mended; big text is a heading", () => {
  const items = [item(72, 740, "Results", 20), item(72, 700, "The measure-"), item(72, 687, "ments agree."), item(72, 650, "Second paragraph.")];
  assert.deepEqual(
    layoutPage(items, 612).map((b) => [b.kind, b.text]),
    [
      ["heading", "Results"],
      ["paragraph", "The measurements agree."],
      ["paragraph", "Second paragraph."],
    ],
  );
});
