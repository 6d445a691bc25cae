/**
 * Mann–Kendall test for a monotonic trend in a series (Mann 1945; Kendall 1975, Rank Correlation Methods,
 * ch. 4), normal approximation with the tie correction as in Gilbert (1987), Statistical Methods for
 * Environmental Pollution Monitoring, §16.4, eqs. 16.3–16.5:
 *
 *   S = Σ_{i<j} sign(x_j − x_i)
 *   Var(S) = [n(n − 1)(2n + 5) − Σ_p t_p(t_p − 1)(2t_p + 5)] / 18,   t_p = size of the p-th group of ties
 *   Z = (S − 1)/√Var(S) if S > 0,  0 if S = 0,  (S + 1)/√Var(S) if S < 0   (continuity correction)
 *
 * with a two-sided p-value from the standard normal. Kendall's τ is reported as τ_a = S / (n(n − 1)/2).
 * The same statistic as R Kendall::MannKendall and pymannkendall.original_test.
 */

import { normalTwoSidedP } from './special-functions.ts'

export interface MannKendall {
  n: number
  /** Kendall's S. */
  s: number
  /** Var(S) with the tie correction. */
  varS: number
  /** Standardised statistic with the continuity correction; null when Var(S) = 0 (every value tied). */
  z: number | null
  /** Two-sided normal p-value of z; null with z. */
  p: number | null
  /** τ_a = S / (n(n − 1)/2). */
  tau: number
}

/** Smallest series the normal approximation is computed for. */
export const MANN_KENDALL_MIN_N = 4

export function mannKendall(values: ArrayLike<number>): MannKendall {
  const n = values.length
  if (n < MANN_KENDALL_MIN_N)
    throw new RangeError(`Mann–Kendall needs at least ${MANN_KENDALL_MIN_N} values, got ${n}`)
  const x = Array.from(values)
  x.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`value ${i} is not finite`)
  })
  let s = 0
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(x[j] - x[i])

  const groups = new Map<number, number>()
  for (const v of x) groups.set(v, (groups.get(v) ?? 0) + 1)
  let ties = 0
  for (const t of groups.values()) if (t > 1) ties += t * (t - 1) * (2 * t + 5)
  const varS = (n * (n - 1) * (2 * n + 5) - ties) / 18

  let z: number | null = null
  if (varS > 0) z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0
  return { n, s, varS, z, p: z === null ? null : normalTwoSidedP(z), tau: s / ((n * (n - 1)) / 2) }
}
