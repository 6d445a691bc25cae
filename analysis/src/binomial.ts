/**
 * Binomial distribution: probabilities via log-gamma, the exact two-sided
 * test as R's `binom.test`, and the Clopper–Pearson (1934) exact interval.
 * Tails are summed term by term (no 1 − CDF), so small p-values keep their
 * relative precision. Cost is O(n) per call; fine for counts up to ~10^6.
 */

import { logChoose } from './special-functions.ts'

function checkArgs(n: number, p: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`)
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`)
}

/** ln P(X = k), X ~ Binomial(n, p). */
export function binomialLogPmf(k: number, n: number, p: number): number {
  checkArgs(n, p)
  if (!Number.isInteger(k) || k < 0 || k > n) return Number.NEGATIVE_INFINITY
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY
  if (p === 1) return k === n ? 0 : Number.NEGATIVE_INFINITY
  return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p)
}

export function binomialPmf(k: number, n: number, p: number): number {
  return Math.exp(binomialLogPmf(k, n, p))
}

/** P(X ≤ k). */
export function binomialCdf(k: number, n: number, p: number): number {
  checkArgs(n, p)
  if (k < 0) return 0
  if (k >= n) return 1
  let s = 0
  for (let i = Math.floor(k); i >= 0; i--) s += binomialPmf(i, n, p)
  return Math.min(1, s)
}

/** P(X ≥ k) (note: inclusive). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  checkArgs(n, p)
  if (k <= 0) return 1
  if (k > n) return 0
  let s = 0
  for (let i = Math.ceil(k); i <= n; i++) s += binomialPmf(i, n, p)
  return Math.min(1, s)
}

/**
 * Exact two-sided binomial test of H0: π = p, as R's `binom.test`: the sum of
 * P(X = i) over every i no more probable than the observed x (with R's
 * relative tolerance 1e-7 for ties).
 */
export function binomialTestTwoSided(x: number, n: number, p: number): number {
  checkArgs(n, p)
  if (!(Number.isInteger(x) && x >= 0 && x <= n))
    throw new RangeError(`x must be an integer in [0, ${n}], got ${x}`)
  if (n === 0 || x === n * p) return 1
  const d = binomialPmf(x, n, p) * (1 + 1e-7)
  let s = 0
  for (let i = 0; i <= n; i++) {
    const pi = binomialPmf(i, n, p)
    if (pi <= d) s += pi
  }
  return Math.min(1, s)
}

/** Root of an increasing function on [0, 1] by bisection to ~1e-15 relative. */
function bisectIncreasing(f: (p: number) => number, target: number): number {
  let lo = 0
  let hi = 1
  for (let iter = 0; iter < 200 && hi - lo > 1e-15 * hi; iter++) {
    const mid = 0.5 * (lo + hi)
    if (f(mid) < target) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}

/**
 * Clopper–Pearson exact confidence interval for a binomial proportion
 * (the interval R's `binom.test` reports): the lower bound solves
 * P(X ≥ x | π) = α/2, the upper bound P(X ≤ x | π) = α/2.
 */
export function clopperPearson(x: number, n: number, confLevel = 0.95): [number, number] {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`)
  if (!(Number.isInteger(x) && x >= 0 && x <= n))
    throw new RangeError(`x must be an integer in [0, ${n}], got ${x}`)
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be in (0, 1), got ${confLevel}`)
  if (n === 0) return [0, 1]
  const halfAlpha = (1 - confLevel) / 2
  const lower = x === 0 ? 0 : bisectIncreasing((p) => binomialUpperTail(x, n, p), halfAlpha)
  // P(X ≤ x | π) decreases in π, so bisect its complement-free negative.
  const upper = x === n ? 1 : bisectIncreasing((p) => -binomialCdf(x, n, p), -halfAlpha)
  return [lower, upper]
}
