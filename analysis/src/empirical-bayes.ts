/**
 * Global Empirical-Bayes smoothing of rates (Marshall 1991, "Mapping disease
 * and mortality rates using empirical Bayes estimators", Appl. Statist. 40,
 * method-of-moments estimator; as PySAL esda `Empirical_Bayes`).
 *
 * For counts y_i over populations n_i (units with n_i > 0):
 *   r_i = y_i / n_i,  b = Σ y / Σ n,  s² = Σ n_i (r_i − b)² / Σ n_i,
 *   a = max(0, s² − b / n̄)  with n̄ the mean population,
 *   C_i = a / (a + b / n_i),  θ_i = b + C_i (r_i − b).
 * Small units (large sampling variance b / n_i) are pulled hardest to b.
 * A unit with population 0 has no raw rate; its smoothed rate is b.
 */

export interface EmpiricalBayesOptions {
  /** Multiply rates by this, e.g. 1000 for "per 1,000 people". Default 1. */
  per?: number
  /** Flag units with population below this (default 500). */
  minPopulation?: number
  /** Flag units with fewer events than this (default 5). */
  minCount?: number
}

export interface EmpiricalBayesUnit {
  /** y / n × per; null when the population is 0. */
  raw: number | null
  /** θ × per. */
  smoothed: number
  /** C_i in [0, 1]: weight of the unit's own rate (1 = no smoothing). */
  shrinkage: number
  smallPopulation: boolean
  smallCount: boolean
  /** smallPopulation or smallCount: the raw rate is unreliable. */
  flagged: boolean
}

export interface EmpiricalBayesResult {
  units: EmpiricalBayesUnit[]
  /** Global rate b × per. */
  globalRate: number
  /** Between-unit (prior) variance a of the true rates, in raw-rate units (not scaled by per). */
  priorVariance: number
  /** s², the population-weighted variance of the raw rates, in raw-rate units. */
  weightedVariance: number
  /** n̄ over the units with population > 0. */
  meanPopulation: number
}

export function empiricalBayesRates(
  counts: ArrayLike<number>,
  populations: ArrayLike<number>,
  opts: EmpiricalBayesOptions = {},
): EmpiricalBayesResult {
  const per = opts.per ?? 1
  const minPopulation = opts.minPopulation ?? 500
  const minCount = opts.minCount ?? 5
  const n = counts.length
  if (populations.length !== n) throw new Error('counts and populations differ in length')
  if (!(per > 0 && Number.isFinite(per))) throw new RangeError(`per must be positive, got ${per}`)
  let sumY = 0
  let sumN = 0
  let units = 0
  for (let i = 0; i < n; i++) {
    const y = counts[i]
    const p = populations[i]
    if (!(Number.isFinite(y) && y >= 0))
      throw new RangeError(`count ${i} must be a non-negative number, got ${y}`)
    if (!(Number.isFinite(p) && p >= 0))
      throw new RangeError(`population ${i} must be a non-negative number, got ${p}`)
    if (p === 0 && y > 0) throw new RangeError(`unit ${i} has ${y} events but population 0`)
    sumY += y
    sumN += p
    if (p > 0) units++
  }
  if (!(sumN > 0)) throw new RangeError('total population must be positive')

  const b = sumY / sumN
  let ss = 0
  for (let i = 0; i < n; i++) {
    const p = populations[i]
    if (p > 0) {
      const d = counts[i] / p - b
      ss += p * d * d
    }
  }
  const s2 = ss / sumN
  const meanPopulation = sumN / units
  const a = Math.max(0, s2 - b / meanPopulation)

  const out: EmpiricalBayesUnit[] = []
  for (let i = 0; i < n; i++) {
    const y = counts[i]
    const p = populations[i]
    const r = p > 0 ? y / p : Number.NaN
    // With b = 0 (no events anywhere) a = 0 too and every unit is at b = 0.
    const denom = p > 0 ? a + b / p : Number.POSITIVE_INFINITY
    const c = denom > 0 && Number.isFinite(denom) ? a / denom : 0
    const theta = p > 0 ? b + c * (r - b) : b
    const smallPopulation = p < minPopulation
    const smallCount = y < minCount
    out.push({
      raw: p > 0 ? r * per : null,
      smoothed: theta * per,
      shrinkage: c,
      smallPopulation,
      smallCount,
      flagged: smallPopulation || smallCount,
    })
  }
  return { units: out, globalRate: b * per, priorVariance: a, weightedVariance: s2, meanPopulation }
}
