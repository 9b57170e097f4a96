// The arithmetic of the quant lab, apart from any model: turning node-llama-cpp's probability maps
// into dense vectors, the KL divergence between two next-token distributions, and perplexity.
// Probabilities come from `sequence.controlledEvaluate(..., {generateNext: {probabilities: true}})`
// without sampling options, which returns the softmax over the whole vocabulary (verified: 32,000
// entries summing to 1 for the test model; any sampling option such as a temperature truncates it
// to top-k, which would make the KL meaningless).

/** Smallest probability used in a logarithm: float32 softmax can underflow to exactly 0. */
export const PROBABILITY_FLOOR = 1e-10;

/** A dense distribution over the vocabulary from a token → probability map. */
export function denseDistribution(probabilities: ReadonlyMap<number, number>, vocabSize: number): Float32Array {
  const dense = new Float32Array(vocabSize);
  for (const [token, p] of probabilities) {
    if (token >= 0 && token < vocabSize) dense[token] = p;
  }
  return dense;
}

/** KL(p ‖ q) in nats: how much information is lost when q stands in for the reference p. */
export function klDivergence(p: Float32Array, q: Float32Array): number {
  if (p.length !== q.length) throw new RangeError(`distributions of different sizes (${p.length} and ${q.length})`);
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi <= 0) continue;
    kl += pi * Math.log(pi / Math.max(q[i]!, PROBABILITY_FLOOR));
  }
  // Rounding makes tiny negative values when p and q are equal; KL is never negative.
  return Math.max(0, kl);
}

/** The index of the most likely token. */
export function argmax(p: Float32Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** Accumulates per-position scores into the lab's figures. */
export class QualityTally {
  #nll = 0;
  #kl = 0;
  #agree = 0;
  #count = 0;

  /** `pActual`: the probability the variant gave the token that really came next. */
  add(pActual: number, kl: number, agrees: boolean): void {
    this.#nll += -Math.log(Math.max(pActual, PROBABILITY_FLOOR));
    this.#kl += kl;
    if (agrees) this.#agree += 1;
    this.#count += 1;
  }

  get count(): number {
    return this.#count;
  }

  result(): { perplexity: number; klDivergence: number; topTokenAgreement: number } {
    if (this.#count === 0) throw new RangeError("no positions were scored");
    return {
      perplexity: Math.exp(this.#nll / this.#count),
      klDivergence: this.#kl / this.#count,
      topTokenAgreement: this.#agree / this.#count,
    };
  }
}

/** Positions whose full reference distributions fit in `budgetBytes` (float32 per vocabulary entry). */
export function maxScoredTokens(vocabSize: number, budgetBytes = 256 * 1024 * 1024): number {
  return Math.max(2, Math.floor(budgetBytes / (vocabSize * 4)));
}
