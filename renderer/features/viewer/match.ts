// Finds a cited passage in a page's text, tolerant of whitespace: the text may come as one string
// (page text) or as many pieces (the spans of pdf.js's text layer, which split words and lines
// anywhere). Both sides are compared with all whitespace removed, and the match is mapped back to
// ranges inside each piece. A passage that runs over a page break is found by its longest prefix
// (on its first page) or suffix (on its last) that the page holds.

export interface PieceRange {
  piece: number;
  start: number;
  end: number;
}

/** Below this many non-space characters a partial match is too likely to be a coincidence. */
const MIN_PARTIAL_CHARS = 24;

export function findPassage(pieces: readonly string[], passage: string): PieceRange[] {
  const where: { piece: number; offset: number }[] = [];
  let hay = "";
  pieces.forEach((text, piece) => {
    for (let offset = 0; offset < text.length; offset++) {
      const ch = text[offset]!;
      if (/\s/.test(ch)) continue;
      hay += ch.toLowerCase();
      where.push({ piece, offset });
    }
  });
  const needle = passage.replace(/\s+/g, "").toLowerCase();
  if (!needle || !hay) return [];
  const found = locate(hay, needle);
  if (!found) return [];
  return toRanges(where.slice(found.start, found.end));
}

/** The whole passage, else the longest prefix or suffix of it that occurs (binary search on length). */
function locate(hay: string, needle: string): { start: number; end: number } | null {
  const whole = hay.indexOf(needle);
  if (whole !== -1) return { start: whole, end: whole + needle.length };
  const longest = (test: (n: number) => number) => {
    let lo = MIN_PARTIAL_CHARS;
    let hi = needle.length - 1;
    let best: { start: number; end: number } | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = test(mid);
      if (at === -1) hi = mid - 1;
      else {
        best = { start: at, end: at + mid };
        lo = mid + 1;
      }
    }
    return best;
  };
  const prefix = longest((n) => hay.indexOf(needle.slice(0, n)));
  const suffix = longest((n) => hay.indexOf(needle.slice(needle.length - n)));
  if (!prefix) return suffix;
  if (!suffix) return prefix;
  return suffix.end - suffix.start > prefix.end - prefix.start ? suffix : prefix;
}

function toRanges(chars: { piece: number; offset: number }[]): PieceRange[] {
  const ranges: PieceRange[] = [];
  for (const { piece, offset } of chars) {
    const last = ranges.at(-1);
    if (last && last.piece === piece) last.end = offset + 1;
    else ranges.push({ piece, start: offset, end: offset + 1 });
  }
  return ranges;
}
