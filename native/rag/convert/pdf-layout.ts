// Rebuilds reading order from pdf.js text items: lines by baseline, paragraphs by vertical gaps,
// headings by font size, and two columns read one after the other when a clear vertical gutter
// runs down the middle of the page. Pure functions: the worker calls them, tests can too.
import type { BlockDraft } from "./types.ts";

export interface TextItem {
  str: string;
  x: number;
  y: number; // baseline, PDF units, origin bottom-left
  width: number;
  height: number; // font size
}

interface Line {
  y: number;
  height: number;
  text: string;
}

/** Items grouped by baseline, top of the page first, each row sorted left to right. */
function groupRows(items: TextItem[]): TextItem[][] {
  const sorted = items.filter((i) => i.str !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextItem[][] = [];
  for (const item of sorted) {
    const last = rows.at(-1);
    const ref = last?.[0];
    if (ref && Math.abs(ref.y - item.y) <= 0.5 * Math.max(ref.height, item.height, 1)) last.push(item);
    else rows.push([item]);
  }
  for (const row of rows) row.sort((a, b) => a.x - b.x);
  return rows;
}

const spans = (row: TextItem[], x: number) => row.some((i) => i.str.trim() && i.x < x && i.x + i.width > x);

/**
 * The x of a vertical gutter splitting the page into two columns, or null for one column. A row
 * may cross the gutter (a centred title, a footer): the page is cut into regions at such rows.
 */
export function findGutter(rows: TextItem[][], pageWidth: number): number | null {
  if (rows.length < 6) return null;
  const lo = Math.floor(pageWidth * 0.3);
  const hi = Math.ceil(pageWidth * 0.7);
  const crossing = new Uint16Array(hi - lo + 1);
  for (const row of rows) {
    for (const item of row) {
      if (!item.str.trim()) continue;
      const from = Math.max(lo, Math.floor(item.x));
      const to = Math.min(hi, Math.ceil(item.x + item.width));
      for (let b = from; b <= to; b++) crossing[b - lo]!++;
    }
  }
  const allowed = Math.max(1, Math.floor(rows.length * 0.15));
  let best: { start: number; length: number; count: number } | null = null;
  for (let b = 0; b < crossing.length; ) {
    const count = crossing[b]!;
    if (count > allowed) {
      b++;
      continue;
    }
    let end = b;
    while (end < crossing.length && crossing[end]! <= allowed) end++;
    const runMin = Math.min(...crossing.subarray(b, end));
    if (!best || runMin < best.count || (runMin === best.count && end - b > best.length)) best = { start: b, length: end - b, count: runMin };
    b = end;
  }
  if (!best || best.length < 8) return null;
  const gutter = lo + best.start + best.length / 2;
  // Both sides must carry text on several rows, and most rows must not cross the gutter.
  const twoSided = rows.filter((r) => !spans(r, gutter) && r.some((i) => i.x + i.width <= gutter) && r.some((i) => i.x >= gutter));
  const crossingRows = rows.filter((r) => spans(r, gutter)).length;
  if (twoSided.length < 3 || crossingRows > allowed) return null;
  // Column text runs up to the gutter; a label/value table or a form leaves ragged short labels
  // far from it. Half the left-hand rows must end within 10% of the page width of the gutter.
  const gutterStart = lo + best.start;
  const reach = twoSided.map((r) => gutterStart - Math.max(...r.filter((i) => i.x + i.width <= gutter).map((i) => i.x + i.width))).sort((a, b) => a - b);
  return reach[Math.floor(reach.length / 2)]! <= pageWidth * 0.1 ? gutter : null;
}

export function layoutPage(items: TextItem[], pageWidth: number): BlockDraft[] {
  const rows = groupRows(items);
  const gutter = findGutter(rows, pageWidth);
  let lines: Line[];
  if (gutter === null) lines = rows.map(toLine).filter((l): l is Line => l !== null);
  else {
    // Regions between rows that cross the gutter: left column, then right column, then the row.
    lines = [];
    let left: TextItem[][] = [];
    let right: TextItem[][] = [];
    const flush = () => {
      for (const row of [...left, ...right]) {
        const line = toLine(row);
        if (line) lines.push(line);
      }
      left = [];
      right = [];
    };
    for (const row of rows) {
      if (spans(row, gutter)) {
        flush();
        const line = toLine(row);
        if (line) lines.push(line);
        continue;
      }
      const l = row.filter((i) => i.x + i.width / 2 < gutter);
      const r = row.filter((i) => i.x + i.width / 2 >= gutter);
      if (l.length) left.push(l);
      if (r.length) right.push(r);
    }
    flush();
  }
  return paragraphs(lines, medianHeight(lines));
}

function toLine(row: TextItem[]): Line | null {
  let text = "";
  let end = -Infinity;
  for (const item of row) {
    const gap = item.x - end;
    if (text && gap > 0.15 * Math.max(item.height, 1) && !text.endsWith(" ") && !item.str.startsWith(" ")) text += " ";
    text += item.str;
    end = item.x + item.width;
  }
  text = text.replace(/\s+/g, " ").trim();
  return text ? { y: row[0]!.y, height: Math.max(...row.map((i) => i.height)), text } : null;
}

function medianHeight(lines: Line[]): number {
  if (lines.length === 0) return 0;
  // Weighted by characters, so that body text wins over a few big headings.
  const sizes = lines.flatMap((l) => Array<number>(Math.min(l.text.length, 200)).fill(l.height)).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] ?? 0;
}

function paragraphs(lines: Line[], bodySize: number): BlockDraft[] {
  // Line spacing: a low percentile of the baseline gaps (most gaps are plain line breaks; with few
  // lines the median may be a paragraph break). Tiny gaps (sub/superscripts) are ignored.
  const gaps = lines.slice(1).map((l, i) => lines[i]!.y - l.y).filter((g) => g >= bodySize * 0.6).sort((a, b) => a - b);
  const leading = gaps[Math.floor((gaps.length - 1) / 4)] ?? bodySize * 1.2;
  const isHeading = (l: Line) => bodySize > 0 && l.height >= bodySize * 1.2 && l.text.length <= 200;
  const out: BlockDraft[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const text = joinLines(current.map((l) => l.text));
    if (isHeading(first)) out.push({ kind: "heading", text, level: headingLevel(first.height, bodySize) });
    else out.push({ kind: "paragraph", text });
    current = [];
  };
  for (const line of lines) {
    const previous = current.at(-1);
    const gap = previous ? previous.y - line.y : 0;
    const breaks =
      !previous ||
      gap > Math.max(leading * 1.4, previous.height * 1.5) ||
      gap < 0 || // the line is above the previous one: a new region
      isHeading(line) !== isHeading(previous) ||
      Math.abs(line.height - previous.height) > 0.2 * Math.max(line.height, previous.height);
    if (breaks) flush();
    current.push(line);
  }
  flush();
  return out;
}

function headingLevel(size: number, body: number): number {
  const ratio = size / body;
  return ratio >= 2 ? 1 : ratio >= 1.6 ? 2 : ratio >= 1.35 ? 3 : 4;
}

/** Joins a paragraph's lines; a word split by a hyphen at a line end is mended. */
function joinLines(lines: string[]): string {
  let text = "";
  for (const line of lines) {
    if (!text) text = line;
    else if (/\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    else text += " " + line;
  }
  return text;
}
