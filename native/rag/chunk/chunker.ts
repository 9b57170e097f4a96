// Structure-aware chunking. Blocks (headings, paragraphs, list items, table rows, code) are the
// units: a chunk takes whole blocks while they fit the token budget, a heading starts a new chunk
// (a section's text never shares a chunk with the next section's), and a block too long for one
// chunk is split at sentence, then word boundaries. When a section spills over several chunks, the
// next chunk starts with the tail of the previous one (`overlapTokens`). Every block's text ends up
// in some chunk; each chunk knows its pages, char offsets and heading path. Each unit is counted
// once; runs are counted whole only to settle where a chunk ends (budget.ts), and the chunks are the
// ones counting every growing run whole made (test/chunking-budget.test.ts).
import { EngineError } from "../../contract/errors.ts";
import { JOIN_SLACK, longestFitting, TokenCounter } from "./budget.ts";
import { splitToFit } from "./split.ts";
import type { Block, Chunk, ChunkOptions, Page } from "./types.ts";

interface Unit {
  text: string;
  page: number;
  start: number;
  end: number;
  /** Which block it came from: pieces of one block join with the text between them in the block. */
  block: number;
  /** The block's (trimmed) text and its offset in the page, to rejoin pieces exactly. */
  source: string;
  sourceStart: number;
  heading: boolean;
  headingPath: string[];
  /** True for units repeated from the previous chunk. */
  overlap?: boolean;
}

const BLOCK_SEPARATOR = "\n";

type ChunkInput = { pages: readonly Page[]; blocks: readonly Block[] };

export function chunkDocument(doc: ChunkInput, options: ChunkOptions): Chunk[] {
  const steps = chunkSteps(doc, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * chunkDocument for the engine's thread: the same chunks, but it gives the event loop a turn every
 * ~10 ms. Sized in an embedding model's tokens, chunking a 200-page PDF takes ~0.7 s of CPU even
 * counting each segment once (npm run bench:chunk); in one piece that stalls every other call.
 */
export async function chunkDocumentCooperatively(doc: ChunkInput, options: ChunkOptions, signal?: AbortSignal): Promise<Chunk[]> {
  const steps = chunkSteps(doc, options);
  let sliceStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStarted > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw new EngineError("ABORTED", "Ingestion cancelled.");
      sliceStarted = performance.now();
    }
  }
}

const SLICE_MS = 10;

/** The chunker itself, pausing (yield) after each block so a caller can interleave other work. */
function* chunkSteps(doc: ChunkInput, options: ChunkOptions): Generator<void, Chunk[]> {
  const { countTokens, maxTokens, overlapTokens, pageBounded = false } = options;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new EngineError("INVALID_INPUT", `maxTokens must be a positive integer (got ${maxTokens})`);
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new EngineError("INVALID_INPUT", `overlapTokens must be an integer in [0, maxTokens) (got ${overlapTokens})`);
  }
  const blocks = (doc.blocks.length > 0 ? [...doc.blocks] : paragraphsOf(doc.pages)).sort((a, b) => a.page - b.page || a.start - b.start);

  const tokens = new TokenCounter(countTokens);
  const chunks: Chunk[] = [];
  const stack: { level: number; text: string }[] = [];
  // The run being built. Its first `settled` units are the ones growing a unit at a time (and
  // counting every run whole) would hold, `settledTokens` their run's count; the units after them were
  // taken because the estimate (their own counts plus one token per block separator) fit, and are
  // checked with whole counts before anything depends on them (settle).
  let current: Unit[] = [];
  let settled = 0;
  let settledTokens = 0;

  const joined = (units: readonly Unit[]): string => {
    let out = "";
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      const prev = units[i - 1];
      if (prev && prev.block !== u.block) out += BLOCK_SEPARATOR;
      else if (prev) out += u.source.slice(prev.end - u.sourceStart, u.start - u.sourceStart);
      out += u.text;
    }
    return out;
  };
  const countRun = (units: readonly Unit[]): number => tokens.count(joined(units));
  /** A unit's own count plus what joining it after `prev` adds: a block separator is a token. */
  const addedBy = (prev: Unit | undefined, u: Unit): number => tokens.count(u.text) + (prev && prev.block !== u.block ? 1 : 0);
  /** Estimated count of current's first n units (n ≥ settled). */
  const estimateOf = (n: number): number => {
    let sum = settledTokens;
    for (let i = settled; i < n; i++) sum += addedBy(current[i - 1], current[i]!);
    return sum;
  };
  const hold = (units: Unit[], runTokens: number): void => {
    current = units;
    settled = units.length;
    settledTokens = runTokens;
  };

  const emit = (units: readonly Unit[]): void => {
    const own = units.filter((u) => !u.overlap);
    if (own.length === 0) return;
    const first = units[0]!;
    const last = units[units.length - 1]!;
    const pathFrom = own.find((u) => !u.heading) ?? own[own.length - 1]!;
    const text = joined(units);
    chunks.push({
      index: chunks.length,
      text,
      tokens: tokens.count(text),
      pageStart: first.page,
      pageEnd: last.page,
      charStart: first.start,
      charEnd: last.end,
      headingPath: pathFrom.headingPath,
    });
  };

  /** The trailing units of `units` (or pieces of the last one) that fit in the overlap budget. */
  const tailOf = (units: readonly Unit[]): Unit[] => {
    if (overlapTokens === 0 || units.length === 0) return [];
    // The longest suffix that fits (a longer suffix never counts fewer tokens).
    const estimateSuffix = (k: number): number => {
      let sum = 0;
      for (let i = units.length - k; i < units.length; i++) sum += i === units.length - k ? tokens.count(units[i]!.text) : addedBy(units[i - 1], units[i]!);
      return sum;
    };
    const k = longestFitting(0, 0, units.length, overlapTokens, estimateSuffix, (n) => countRun(units.slice(units.length - n)));
    const tail = units.slice(units.length - k);
    if (k === 0) {
      // The last unit alone is too long: repeat its last sentences / words that fit.
      const u = units[units.length - 1]!;
      const pieces = splitToFit(u.text, overlapTokens, tokens);
      const lastPiece = pieces[pieces.length - 1];
      if (lastPiece && pieces.length > 1) tail.push(pieceOf(u, lastPiece.start, lastPiece.end));
    }
    return tail.map((u) => ({ ...u, overlap: true }));
  };

  /** Whether overlap units plus the unit after them fit; over by more than a join saves: no count. */
  const seedFits = (seeded: readonly Unit[]): boolean => {
    const overlap = seeded.slice(0, -1);
    const unit = seeded[seeded.length - 1]!;
    if (countRun(overlap) + addedBy(overlap[overlap.length - 1], unit) - JOIN_SLACK > maxTokens) return false;
    return countRun(seeded) <= maxTokens;
  };

  /** `unit` does not fit after the settled run: close the chunk and start the next with the overlap. */
  const closeBefore = (unit: Unit): void => {
    emit(current);
    let seeded = [...tailOf(current), unit];
    while (seeded.length > 1 && !seedFits(seeded)) seeded = seeded.slice(1);
    hold(seeded, countRun(seeded));
  };

  /**
   * Makes the run exactly what counting every run would have made: finds the first unit taken on the
   * estimate whose run does not fit, and adds it and the units after it again the exact way. True
   * when that changed the run.
   */
  const settle = (): boolean => {
    if (settled === current.length) return false;
    const n = longestFitting(settled, settledTokens, current.length, maxTokens, estimateOf, (k) => countRun(current.slice(0, k)));
    const redo = current.slice(n + 1);
    const failed = current[n];
    hold(current.slice(0, n), n === settled ? settledTokens : countRun(current.slice(0, n)));
    if (failed === undefined) return false;
    closeBefore(failed);
    for (const u of redo) add(u);
    settle();
    return true;
  };

  const add = (unit: Unit): void => {
    const added = addedBy(current[current.length - 1], unit);
    if (estimateOf(current.length) + added <= maxTokens) {
      current.push(unit); // taken on the estimate; settle() checks it before anything depends on it
      return;
    }
    // Predicted not to fit. First make the run exact: if a unit taken on the estimate did not fit,
    // the chunk closed there, and `unit` is added to the run that follows.
    if (settle()) return add(unit);
    if (settledTokens + added - JOIN_SLACK <= maxTokens) {
      const candidate = [...current, unit];
      const exact = countRun(candidate);
      if (exact <= maxTokens) return hold(candidate, exact);
    }
    closeBefore(unit);
  };

  for (const [blockIndex, block] of blocks.entries()) {
    yield;
    const trimmed = trimRange(block.text);
    if (trimmed.end <= trimmed.start) continue; // whitespace only: nothing to keep
    const heading = block.kind === "heading";
    if (heading) {
      const level = block.level ?? 1;
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, text: block.text.trim() });
      settle();
      // A new section: close the chunk unless it holds nothing but headings so far.
      if (current.some((u) => !u.heading && !u.overlap)) {
        emit(current);
        hold([], 0);
      }
    }
    // A page break closes the chunk (nothing repeated across it): every passage lies on one page.
    if (pageBounded && current.length > 0 && current[current.length - 1]!.page !== block.page) {
      settle();
      emit(current);
      hold([], 0);
    }
    const headingPath = stack.map((h) => h.text);
    const text = block.text.slice(trimmed.start, trimmed.end);
    const start = block.start + trimmed.start;
    const whole: Unit = { text, page: block.page, start, end: start + text.length, block: blockIndex, source: text, sourceStart: start, heading, headingPath };
    for (const piece of splitToFit(text, maxTokens, tokens)) {
      const unit = pieceOf(whole, piece.start, piece.end);
      if (unit.text.length > 0) add(unit);
    }
  }
  settle();
  emit(current);
  return chunks;
}

/** A sub-range of a unit (offsets relative to its text), whitespace trimmed, offsets kept exact. */
function pieceOf(unit: Unit, start: number, end: number): Unit {
  const raw = unit.text.slice(start, end);
  const t = trimRange(raw);
  return { ...unit, text: raw.slice(t.start, t.end), start: unit.start + start + t.start, end: unit.start + start + t.end };
}

function trimRange(text: string): { start: number; end: number } {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { start, end: Math.max(start, end) };
}

/** Without structure from the converter: one paragraph block per blank-line-separated run. */
function paragraphsOf(pages: readonly Page[]): Block[] {
  const blocks: Block[] = [];
  for (const page of pages) {
    const re = /\S[\s\S]*?(?=\n[ \t]*\n|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(page.text)) !== null) {
      blocks.push({ kind: "paragraph", text: m[0], page: page.number, start: m.index, end: m.index + m[0].length });
    }
  }
  return blocks;
}
