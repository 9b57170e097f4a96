// Splits one over-long text into contiguous pieces that each fit a token budget: at sentence
// boundaries first, then at word boundaries, then (a single giant "word", e.g. base64) by characters.
// The pieces cover the text exactly, end to end: nothing is dropped, nothing is repeated.
import type { CountTokens } from "./types.ts";

export interface Range {
  start: number;
  end: number;
}

const sentenceSegmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Contiguous ranges covering `text`, each counting at most `maxTokens` (a lone character may exceed). */
export function splitToFit(text: string, maxTokens: number, countTokens: CountTokens): Range[] {
  if (text.length === 0) return [];
  if (countTokens(text) <= maxTokens) return [{ start: 0, end: text.length }];
  const sentences = [...sentenceSegmenter.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
  return pack(text, sentences, maxTokens, countTokens, (r) => splitWords(text, r, maxTokens, countTokens));
}

function splitWords(text: string, range: Range, maxTokens: number, countTokens: CountTokens): Range[] {
  const words: Range[] = [];
  const re = /\S+\s*/g;
  re.lastIndex = range.start;
  const slice = text.slice(0, range.end);
  let m: RegExpExecArray | null;
  let cursor = range.start;
  while ((m = re.exec(slice)) !== null) {
    // Leading whitespace joins the first word so the ranges stay contiguous.
    words.push({ start: cursor, end: m.index + m[0].length });
    cursor = m.index + m[0].length;
  }
  if (cursor < range.end) {
    if (words.length > 0) words[words.length - 1]!.end = range.end;
    else words.push({ start: cursor, end: range.end });
  }
  return pack(text, words, maxTokens, countTokens, (r) => splitChars(text, r, maxTokens, countTokens));
}

function splitChars(text: string, range: Range, maxTokens: number, countTokens: CountTokens): Range[] {
  const out: Range[] = [];
  let start = range.start;
  while (start < range.end) {
    // The longest prefix that fits, by binary search; at least one code point so we always advance.
    let lo = start + 1;
    let hi = range.end;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(text.slice(start, mid)) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    let end = lo;
    if (end < range.end && isLowSurrogate(text.charCodeAt(end))) end = end - 1 > start ? end - 1 : end + 1;
    out.push({ start, end });
    start = end;
  }
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Greedily joins consecutive segments while the joined text fits; a segment too big alone goes to `finer`. */
function pack(text: string, segments: Range[], maxTokens: number, countTokens: CountTokens, finer: (r: Range) => Range[]): Range[] {
  const out: Range[] = [];
  let current: Range | undefined;
  for (const seg of segments) {
    if (current && countTokens(text.slice(current.start, seg.end)) <= maxTokens) {
      current.end = seg.end;
      continue;
    }
    if (current) out.push(current);
    current = undefined;
    if (countTokens(text.slice(seg.start, seg.end)) <= maxTokens) current = { ...seg };
    else out.push(...finer(seg));
  }
  if (current) out.push(current);
  return out;
}
