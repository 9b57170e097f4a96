// Token counting for the chunker, with each segment counted once. Chunking grows runs a segment at a
// time; counting the whole run again at every step made ~19,000 tokenizer calls over ~8 MB of text
// for a 200-page PDF (npm run bench:chunk). Here each distinct text is counted once, and where a run
// ends is found with a few whole counts guided by the sum of its segments' own counts.
//
// Why runs are still counted whole at all: a run's count is not the sum of its parts (a
// SentencePiece tokenizer spells the first word after "\n" without its leading "▁"; a BPE merge can
// span a join), and a chunk's size is defined by the run's own count, so an algorithm that never
// counts a joined run cannot know where the old chunk boundary falls. What makes two whole counts per
// run enough is one property, true of the tokenizers embedding models use: appending or prepending
// text never lowers the count. Then "grow until the first run that does not fit" is the same as
// "the longest run that fits", which a guided search finds exactly; the estimate only picks which
// runs to count, so a poor estimate costs extra counts, never a different chunk.
import type { CountTokens } from "./types.ts";

/** Characters of counted text remembered at most (~8 MB of strings), whatever the document's size. */
const MAX_HELD_CHARS = 4_000_000;

export class TokenCounter {
  readonly #countTokens: CountTokens;
  /** Texts already counted in this document: a block that fits whole is counted by the splitter and
   *  again as the chunker's unit and as a one-unit chunk — the same string. */
  readonly #counted = new Map<string, number>();
  #heldChars = 0;
  /** How a run's count compares with the sum of its parts' in this document so far (longestFitting). */
  readonly guide = { scale: 1 };

  constructor(countTokens: CountTokens) {
    this.#countTokens = countTokens;
  }

  count(text: string): number {
    let n = this.#counted.get(text);
    if (n === undefined) {
      n = this.#countTokens(text);
      // Texts come back soon after they are counted (a block as its unit, a run as its chunk), so a
      // bounded memory is enough: forgetting costs a count again, never a different chunk.
      if (this.#heldChars > MAX_HELD_CHARS) {
        this.#counted.clear();
        this.#heldChars = 0;
      }
      this.#counted.set(text, n);
      this.#heldChars += text.length;
    }
    return n;
  }
}

/**
 * The most tokens joining two texts saves, against the sum of their counts (plus a token for a block
 * separator). A SentencePiece or BPE tokenizer only re-merges around the join; on the evaluation
 * corpus (gnuplot, faq, frenchle, germanb, sample-sigconf; the test model's llama vocabulary) no join
 * of sentences or blocks saved more than one. Used one way only: a run that is over the budget by
 * more than this after its last exact count plus the next segment is not counted again.
 */
export const JOIN_SLACK = 3;

/**
 * The largest n in [known, most] for which `count(n) <= maxTokens`, given that run `known` is held
 * (its count is `knownTokens`) and that the count grows with n (a longer run never counts fewer
 * tokens), so this is where growing the run one segment at a time would stop. `estimate(n)` (the
 * run's count predicted from its parts) picks which n to try and each exact count corrects its scale
 * (`guide`, which the caller keeps from one run to the next of the same kind): the usual cost is one
 * or two counts.
 */
export function longestFitting(
  known: number,
  knownTokens: number,
  most: number,
  maxTokens: number,
  estimate: (n: number) => number,
  count: (n: number) => number,
  guide: { scale: number } = { scale: 1 },
): number {
  let lo = known;
  let loTokens = knownTokens;
  let hi = most;
  while (lo < hi) {
    // One segment more than a run counted exactly: over by more than a join can save, it cannot fit.
    if (loTokens + (estimate(lo + 1) - estimate(lo)) - JOIN_SLACK > maxTokens) break;
    let guess = lo + 1;
    while (guess < hi && estimate(guess + 1) * guide.scale <= maxTokens) guess += 1;
    const exact = count(guess);
    if (exact <= maxTokens) {
      lo = guess;
      loTokens = exact;
    } else hi = guess - 1;
    guide.scale = exact / Math.max(1, estimate(guess));
  }
  return lo;
}
