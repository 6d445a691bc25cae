import { type EmpiricalBayesUnit, empiricalBayesRates } from '@antt/analysis'
import type { AppDeps } from '../../context.ts'
import { checkTaxonomyCodes } from '../metrics.ts'
import { resolvePeriod } from '../period.ts'
import { checkCommune, type IncidentCountFilters, incidentCounts } from './incident-counts.ts'
import type { Level } from './params.ts'

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
  /** Incidents per 1,000 residents; null when the population is 0 or unknown. */
  raw: number | null
  /** Empirical-Bayes smoothed incidents per 1,000 residents; null when the population is 0 or unknown. */
  smoothed: number | null
  /** Weight of the unit's own rate in the smoothed one (1 = not smoothed). */
  shrinkage: number | null
  small_population: boolean
  small_count: boolean
  flagged: boolean
}

export interface SmoothedRates {
  rows: RateRow[]
  /** Σ incidents / Σ population × 1,000 over the units with a population; null when there is none. */
  global_rate: number | null
  /** Between-unit variance of the true rates, per 1,000² residents. */
  prior_variance: number | null
}

/**
 * Raw and EB-smoothed rates per 1,000 residents. Units with no population are left out of the estimate
 * (their rates are null, and they are flagged as small) so they neither pull the prior nor get a rate.
 */
export function smoothedRates(
  units: readonly RateInput[],
  opts: { minPopulation?: number; minCount?: number } = {},
): SmoothedRates {
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
      raw: e.raw,
      smoothed: e.smoothed,
      shrinkage: e.shrinkage,
      small_population: e.smallPopulation,
      small_count: e.smallCount,
      flagged: e.flagged,
    }
  })
  return {
    rows,
    global_rate: eb ? eb.globalRate : null,
    prior_variance: eb ? eb.priorVariance * 1e6 : null,
  }
}

export interface RatesQuery extends IncidentCountFilters {
  level: Level
  from?: string
  to?: string
  min_population?: number
  min_count?: number
}

/** Raw and EB-smoothed incident rates per commune or village, with unreliable raw rates flagged. */
export async function unitRates(deps: AppDeps, q: RatesQuery) {
  await checkTaxonomyCodes(deps, q)
  await checkCommune(deps.db, q.commune)
  const period = resolvePeriod(q, await deps.catalog.range())
  const minPopulation = q.min_population ?? DEFAULT_MIN_POPULATION
  const minCount = q.min_count ?? DEFAULT_MIN_COUNT
  const key = JSON.stringify([
    'rates',
    q.level,
    period,
    q.categories,
    q.classes,
    q.commune,
    minPopulation,
    minCount,
  ])
  return deps.catalog.memo(key, async () => {
    const counts = await incidentCounts(deps.db, q.level, period, null, q)
    const eb = smoothedRates(
      counts.map((c) => ({ population: c.population, incidents: c.incidents_a })),
      { minPopulation, minCount },
    )
    return {
      level: q.level,
      period,
      filters: { categories: q.categories ?? null, classes: q.classes ?? null, commune: q.commune ?? null },
      method: {
        raw: 'incidents in the period per 1,000 residents (not annualised), as incident_rate_per_1000 of /api/metrics',
        smoothed: `${EB_METHOD}; rate_eb per 1,000 residents`,
        flags: `small_population: fewer than ${minPopulation} residents; small_count: fewer than ${minCount} incidents; flagged: either — the raw rate is unreliable, map the smoothed one`,
        no_population: 'units without residents have null rates and are left out of the estimate',
      },
      min_population: minPopulation,
      min_count: minCount,
      global_rate: eb.global_rate,
      prior_variance: eb.prior_variance,
      totals: {
        units: counts.length,
        population: counts.reduce((s, c) => s + c.population, 0),
        incidents: counts.reduce((s, c) => s + c.incidents_a, 0),
        flagged: eb.rows.filter((r) => r.flagged).length,
      },
      rows: counts.map((c, i) => ({
        code: c.code,
        name: c.name,
        commune_code: c.commune_code,
        population: c.population,
        incidents: c.incidents_a,
        rate_raw: eb.rows[i].raw,
        rate_eb: eb.rows[i].smoothed,
        shrinkage: eb.rows[i].shrinkage,
        small_population: eb.rows[i].small_population,
        small_count: eb.rows[i].small_count,
        flagged: eb.rows[i].flagged,
      })),
    }
  })
}
