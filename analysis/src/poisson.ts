/**
 * Poisson upper tail P(X ≥ k) for X ~ Poisson(λ), summed from the lower terms in log space:
 * P(X ≥ k) = 1 − Σ_{i<k} e^{−λ} λ^i / i!  (exact for the small counts of one unit and month).
 * Used as a one-sided test of a count against its expected value (e.g. R `poisson.test(k, T, λ/T,
 * alternative = "greater")`).
 */
import { lgamma } from './special-functions.ts'

export function poissonUpperTail(k: number, lambda: number): number {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be a non-negative integer, got ${k}`)
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`)
  if (k === 0) return 1
  if (lambda === 0) return 0
  let below = 0
  for (let i = 0; i < k; i++) below += Math.exp(-lambda + i * Math.log(lambda) - lgamma(i + 1))
  return Math.min(1, Math.max(0, 1 - below))
}
