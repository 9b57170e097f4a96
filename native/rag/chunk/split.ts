// Splits one over-long text into contiguous pieces that each fit a token budget: at sentence
// boundaries first, then at word boundaries, then (a single giant "word", e.g. base64) by characters.
// The pieces cover the text exactly, end to end: nothing is dropped, nothing is repeated. Each
// sentence and word is counted once; a run's end is found with a few whole counts (budget.ts).
import { longestFitting, TokenCounter } from "./budget.ts";
import type { CountTokens } from "./types.ts";

export interface Range {
  start: number;
  end: number;
}

const sentenceSegmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Contiguous ranges covering `text`, each counting at most `maxTokens` (a lone character may exceed).
 * Pass the document's TokenCounter so that texts counted here are not counted again by the chunker.
 */
export function splitToFit(text: string, maxTokens: number, counter: CountTokens | TokenCounter): Range[] {
  const tokens = counter instanceof TokenCounter ? counter : new TokenCounter(counter);
  if (text.length === 0) return [];
  // A text that fits whole is one range. Packing its sentences gives that same one range (no run of
  // them counts more than the whole), so the whole count is a shortcut, taken only where it is
  // likely to pay: for a text far over the budget it would be one more long count.
  if (!clearlyOver(text, maxTokens) && tokens.count(text) <= maxTokens) return [{ start: 0, end: text.length }];
  const sentences = [...sentenceSegmenter.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
  return pack(text, sentences, maxTokens, tokens, (r) => splitWords(text, r, maxTokens, tokens));
}

/** Over the budget at four characters a token: the shortcut's guess (either way gives the same ranges). */
function clearlyOver(text: string, maxTokens: number): boolean {
  return text.length > maxTokens * 4;
}

function splitWords(text: string, range: Range, maxTokens: number, tokens: TokenCounter): Range[] {
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
  return pack(text, words, maxTokens, tokens, (r) => splitChars(text, r, maxTokens, tokens));
}

function splitChars(text: string, range: Range, maxTokens: number, tokens: TokenCounter): Range[] {
  const out: Range[] = [];
  let start = range.start;
  while (start < range.end) {
    // The longest prefix that fits, by binary search; at least one code point so we always advance.
    let lo = start + 1;
    let hi = range.end;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (tokens.count(text.slice(start, mid)) <= maxTokens) lo = mid;
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

/**
 * Joins consecutive segments into the longest runs that fit; a segment too big alone goes to `finer`.
 * The runs are those that growing a run a segment at a time (and closing it at the first segment
 * that does not fit) gives: each segment is counted once, and each run's end is settled by counting
 * the predicted run and the one a segment longer (longestFitting).
 */
function pack(text: string, segments: Range[], maxTokens: number, tokens: TokenCounter, finer: (r: Range) => Range[]): Range[] {
  const out: Range[] = [];
  // Segments are contiguous ranges of one text, so a run is their concatenation: prefix sums of their
  // own counts estimate any run's count.
  const own = segments.map((seg) => tokens.count(text.slice(seg.start, seg.end)));
  const prefix = [0];
  for (const n of own) prefix.push(prefix[prefix.length - 1]! + n);
  // A run ending at or past a segment too big alone cannot fit (a text counts at least what a part does).
  const nextTooBig: number[] = new Array<number>(segments.length + 1);
  nextTooBig[segments.length] = segments.length;
  for (let j = segments.length - 1; j >= 0; j--) nextTooBig[j] = own[j]! > maxTokens ? j : nextTooBig[j + 1]!;
  let i = 0;
  while (i < segments.length) {
    if (own[i]! > maxTokens) {
      out.push(...finer(segments[i]!));
      i += 1;
      continue;
    }
    const first = i;
    const last = longestFitting(
      first,
      own[first]!,
      nextTooBig[first]! - 1,
      maxTokens,
      (n) => prefix[n + 1]! - prefix[first]!,
      (n) => tokens.count(text.slice(segments[first]!.start, segments[n]!.end)),
      tokens.guide,
    );
    out.push({ start: segments[first]!.start, end: segments[last]!.end });
    i = last + 1;
  }
  return out;
}
