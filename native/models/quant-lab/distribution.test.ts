import { test } from "node:test";
import assert from "node:assert/strict";
import { argmax, denseDistribution, klDivergence, maxScoredTokens, QualityTally } from "./distribution.ts";

test("KL divergence of a distribution from itself is 0, and grows as the other one moves away", () => {
  const p = Float32Array.from([0.5, 0.25, 0.25]);
  assert.equal(klDivergence(p, p), 0);
  const near = klDivergence(p, Float32Array.from([0.45, 0.3, 0.25]));
  const far = klDivergence(p, Float32Array.from([0.1, 0.1, 0.8]));
  assert.ok(near > 0 && far > near, `${near} < ${far}`);
  // KL(p‖q) = Σ p ln(p/q), by hand for a two-token case.
  const two = klDivergence(Float32Array.from([0.5, 0.5]), Float32Array.from([0.25, 0.75]));
  assert.ok(Math.abs(two - (0.5 * Math.log(2) + 0.5 * Math.log(0.5 / 0.75))) < 1e-6);
});

test("a zero probability in the variant is floored, not infinite; sizes must match", () => {
  const kl = klDivergence(Float32Array.from([0.5, 0.5]), Float32Array.from([1, 0]));
  assert.ok(Number.isFinite(kl) && kl > 10);
  assert.throws(() => klDivergence(new Float32Array(2), new Float32Array(3)), RangeError);
});

test("dense distributions ignore tokens outside the vocabulary", () => {
  const d = denseDistribution(new Map([[2, 0.7], [0, 0.3], [9, 1]]), 3);
  assert.deepEqual([...d].map((v) => Math.round(v * 10) / 10), [0.3, 0, 0.7]);
  assert.equal(argmax(d), 2);
});

test("perplexity is exp of the mean negative log-likelihood", () => {
  const tally = new QualityTally();
  tally.add(0.5, 0.1, true);
  tally.add(0.125, 0.3, false);
  const r = tally.result();
  assert.ok(Math.abs(r.perplexity - Math.exp((Math.log(2) + Math.log(8)) / 2)) < 1e-9); // = 4
  assert.ok(Math.abs(r.klDivergence - 0.2) < 1e-9);
  assert.equal(r.topTokenAgreement, 0.5);
  assert.throws(() => new QualityTally().result(), RangeError);
});

test("the scored length is capped by the memory the reference distributions take", () => {
  assert.equal(maxScoredTokens(32_000), 2097);
  assert.equal(maxScoredTokens(152_064), 441);
  assert.equal(maxScoredTokens(10_000_000, 1), 2);
});
