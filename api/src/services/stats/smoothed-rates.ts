import { type EmpiricalBayesUnit, empiricalBayesRates } from '@antt/analysis'
import { type Period, periodYears } from '../period.ts'

/** Thresholds below which a raw rate is flagged as unreliable (small population or small count). */
export const DEFAULT_MIN_POPULATION = 500
export const DEFAULT_MIN_COUNT = 5

export const EB_METHOD =
  'global Empirical Bayes, method of moments (Marshall 1991; as PySAL esda Empirical_Bayes): each raw rate ' +
  'is shrunk toward the overall rate Σ incidents / Σ population, the more the smaller its population'

export interface RateInput {
  population: number | null
  incidents: number
}

export interface RateRow {
  /** Incidents per 1,000 residents per year; null when the population is 0 or unknown. */
  raw: number | null
  /** Empirical-Bayes smoothed incidents per 1,000 residents per year; null when the population is 0 or unknown. */
  smoothed: number | null
  /** Weight of the unit's own rate in the smoothed one (1 = not smoothed). */
  shrinkage: number | null
  small_population: boolean
  small_count: boolean
  flagged: boolean
}

export interface SmoothedRates {
  rows: RateRow[]
  /** Σ incidents / Σ population × 1,000 per year over the units with a population; null when there is none. */
  global_rate: number | null
  /** Between-unit variance of the true annual rates, per 1,000² residents. */
  prior_variance: number | null
}

/**
 * Raw and EB-smoothed rates per 1,000 residents per year of `period`. Units with no population are left out
 * of the estimate (their rates are null, and they are flagged as small) so they neither pull the prior nor get
 * a rate. The estimate is made on residents and annualised afterwards: scaling every exposure by the same
 * factor scales the raw rates, the prior mean and the smoothed rates by it and leaves the shrinkage unchanged.
 */
export function smoothedRates(
  units: readonly RateInput[],
  period: Period,
  opts: { minPopulation?: number; minCount?: number } = {},
): SmoothedRates {
  const years = periodYears(period)
  const perYear = (v: number | null) => (v === null ? null : v / years)
  const minPopulation = opts.minPopulation ?? DEFAULT_MIN_POPULATION
  const minCount = opts.minCount ?? DEFAULT_MIN_COUNT
  const used = units.map((_, i) => i).filter((i) => (units[i].population ?? 0) > 0)
  const eb =
    used.length > 0
      ? empiricalBayesRates(
          used.map((i) => units[i].incidents),
          used.map((i) => units[i].population as number),
          { per: 1000, minPopulation, minCount },
        )
      : null
  const byIndex = new Map<number, EmpiricalBayesUnit>()
  if (eb) for (const [k, i] of used.entries()) byIndex.set(i, eb.units[k])
  const rows = units.map((u, i): RateRow => {
    const e = byIndex.get(i)
    if (!e) {
      const smallCount = u.incidents < minCount
      return {
        raw: null,
        smoothed: null,
        shrinkage: null,
        small_population: true,
        small_count: smallCount,
        flagged: true,
      }
    }
    return {
      raw: perYear(e.raw),
      smoothed: perYear(e.smoothed),
      shrinkage: e.shrinkage,
      small_population: e.smallPopulation,
      small_count: e.smallCount,
      flagged: e.flagged,
    }
  })
  return {
    rows,
    global_rate: eb ? eb.globalRate / years : null,
    prior_variance: eb ? (eb.priorVariance * 1e6) / years ** 2 : null,
  }
}
