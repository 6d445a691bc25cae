/**
 * Comparing event rates between two periods (or two groups) with Poisson
 * counts: a events over exposure ea (period A, the baseline) and b events over
 * exposure eb (period B). Exposure is person-time or simply period length.
 *
 * Conditional on the total, b | a + b ~ Binomial(a + b, π0) with
 * π0 = eb / (ea + eb) when the two rates are equal (Przyborowski & Wileński
 * 1940), so the exact test is R's binom.test and the rate-ratio interval is
 * the Clopper–Pearson interval for π mapped by RR = π/(1 − π) · ea/eb: the same
 * numbers as R's `poisson.test(c(b, a), c(eb, ea))`.
 */

import { binomialTestTwoSided, clopperPearson } from './binomial.ts'

export type RateChange = 'rise' | 'fall' | 'no-change'

export interface RateCompareInput {
  /** Events in period A (baseline). */
  a: number
  /** Events in period B. */
  b: number
  /** Exposure of period A (> 0). */
  ea: number
  /** Exposure of period B (> 0). */
  eb: number
}

export interface RateCompareOptions {
  /** Significance level for the change class; default 0.05. */
  alpha?: number
  /** Confidence level of the RR interval; default 0.95. */
  confLevel?: number
}

export interface RateComparison {
  rateA: number
  rateB: number
  /** (b/eb) / (a/ea); Infinity when a = 0 < b, NaN when a = b = 0. */
  rateRatio: number
  rrLower: number
  rrUpper: number
  /** Exact two-sided conditional binomial p-value. */
  pValue: number
  change: RateChange
}

export function compareRates(input: RateCompareInput, opts: RateCompareOptions = {}): RateComparison {
  const { a, b, ea, eb } = input
  const alpha = opts.alpha ?? 0.05
  const confLevel = opts.confLevel ?? 0.95
  for (const [name, v] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 0))
      throw new RangeError(`${name} must be a non-negative integer count, got ${v}`)
  }
  for (const [name, v] of [
    ['ea', ea],
    ['eb', eb],
  ] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${name} must be a positive exposure, got ${v}`)
  }
  const total = a + b
  const pi0 = eb / (ea + eb)
  const rateA = a / ea
  const rateB = b / eb
  const rateRatio = total === 0 ? Number.NaN : a === 0 ? Number.POSITIVE_INFINITY : rateB / rateA
  const pValue = binomialTestTwoSided(b, total, pi0)
  const [piLo, piHi] = clopperPearson(b, total, confLevel)
  const toRR = (pi: number): number => (pi >= 1 ? Number.POSITIVE_INFINITY : (pi / (1 - pi)) * (ea / eb))
  const direction = Math.sign(rateB - rateA)
  let change: RateChange = 'no-change'
  if (pValue < alpha && direction > 0) change = 'rise'
  if (pValue < alpha && direction < 0) change = 'fall'
  return { rateA, rateB, rateRatio, rrLower: toRR(piLo), rrUpper: toRR(piHi), pValue, change }
}
