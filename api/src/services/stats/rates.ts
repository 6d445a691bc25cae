import type { Level } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { checkTaxonomyCodes } from '../metrics.ts'
import { requestPeriod } from '../period.ts'
import { withheldUnits } from '../withheld-units.ts'
import { checkCommune, type IncidentCountFilters, incidentCounts } from './incident-counts.ts'
import { DEFAULT_MIN_COUNT, DEFAULT_MIN_POPULATION, EB_METHOD, smoothedRates } from './smoothed-rates.ts'

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
  const period = await requestPeriod(deps, q)
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
    // Aggregate-only callers (auth/disclosure.ts): withheld counts stay out of the estimate and the totals.
    const withheld = await withheldUnits(deps, q.level, period, q.categories)
    const shown = withheld ? counts.filter((c) => !withheld.has(c.code)) : counts
    const eb = smoothedRates(
      shown.map((c) => ({ population: c.population, incidents: c.incidents_a })),
      period,
      { minPopulation, minCount },
    )
    const rateOf = new Map(shown.map((c, i) => [c.code, eb.rows[i]]))
    return {
      level: q.level,
      period,
      filters: { categories: q.categories ?? null, classes: q.classes ?? null, commune: q.commune ?? null },
      method: {
        raw: 'incidents per 1,000 residents per year (incidents in the period / residents × 1,000 / (days / 365.25)), as incident_rate_per_1000 of /api/metrics',
        smoothed: `${EB_METHOD}; rate_eb per 1,000 residents per year`,
        flags: `small_population: fewer than ${minPopulation} residents; small_count: fewer than ${minCount} incidents; flagged: either — the raw rate is unreliable, map the smoothed one`,
        no_population: 'units without residents have null rates and are left out of the estimate',
        ...(withheld && {
          suppressed:
            'units whose count is withheld (1–2 incidents, or withheld so that such a count cannot be worked out) have null counts and rates and are left out of the estimate and the totals',
        }),
      },
      min_population: minPopulation,
      min_count: minCount,
      global_rate: eb.global_rate,
      prior_variance: eb.prior_variance,
      totals: {
        units: counts.length,
        population: counts.reduce((s, c) => s + c.population, 0),
        incidents: shown.reduce((s, c) => s + c.incidents_a, 0),
        flagged: counts.filter((c) => rateOf.get(c.code)?.flagged ?? true).length,
        ...(withheld && { withheld_units: counts.length - shown.length }),
      },
      rows: counts.map((c) => {
        const r = rateOf.get(c.code)
        return {
          code: c.code,
          name: c.name,
          commune_code: c.commune_code,
          population: c.population,
          incidents: r ? c.incidents_a : null,
          ...(withheld && { suppressed: !r }),
          rate_raw: r?.raw ?? null,
          rate_eb: r?.smoothed ?? null,
          shrinkage: r?.shrinkage ?? null,
          small_population: r ? r.small_population : c.population < minPopulation,
          small_count: r ? r.small_count : null,
          flagged: r ? r.flagged : true,
        }
      }),
    }
  })
}
