import { bhAdjust, compareRates, type RateChange } from '@antt/analysis'
import type { CompareRow, Level } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { DAYS_PER_YEAR, type Period, periodDays } from '../period.ts'
import { withheldUnits } from '../withheld-units.ts'
import { type IncidentCountFilters, incidentCounts } from './incident-counts.ts'

export const COMPARE_ALPHA = 0.05

export interface CompareQuery extends IncidentCountFilters {
  level: Level
  a: Period
  b: Period
  /** Change classes on Benjamini–Hochberg adjusted p-values instead of raw ones. */
  fdr: boolean
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null)

/** What the test of two counts gives a row. */
type Comparison = Pick<
  CompareRow,
  'rate_a' | 'rate_b' | 'rate_ratio' | 'ci_lower' | 'ci_upper' | 'p_value' | 'change_class'
>

/**
 * Exposure is residents × days of the period (the population is today's for both periods), so the test is
 * the conditional binomial of count_b given count_a + count_b with π0 = days_b / (days_a + days_b).
 */
function compareCounts(a: number, b: number, population: number, daysA: number, daysB: number): Comparison {
  if (!(population > 0)) {
    return {
      rate_a: null,
      rate_b: null,
      rate_ratio: null,
      ci_lower: null,
      ci_upper: null,
      p_value: null,
      change_class: null,
    }
  }
  const c = compareRates({ a, b, ea: population * daysA, eb: population * daysB })
  const perYear = 1000 * DAYS_PER_YEAR
  return {
    rate_a: c.rateA * perYear,
    rate_b: c.rateB * perYear,
    rate_ratio: finite(c.rateRatio),
    ci_lower: finite(c.rrLower),
    ci_upper: finite(c.rrUpper),
    p_value: c.pValue,
    change_class: c.change,
  }
}

function changeClass(p: number | null, rateA: number | null, rateB: number | null): RateChange | null {
  if (p === null || rateA === null || rateB === null) return null
  if (p >= COMPARE_ALPHA || rateA === rateB) return 'no-change'
  return rateB > rateA ? 'rise' : 'fall'
}

/** Incidents in two periods per unit, their rates and an exact test of equal rates (analysis/rate-compare). */
export async function comparePeriods(deps: AppDeps, q: CompareQuery) {
  const key = JSON.stringify(['compare', q])
  return deps.catalog.memo(key, async () => {
    const counts = await incidentCounts(deps.db, q.level, q.a, q.b, q)
    // Aggregate-only callers (auth/disclosure.ts): a count withheld in either period withholds the row's
    // statistics, which stay out of the FDR adjustment; the totals add up the published counts.
    const heldA = await withheldUnits(deps, q.level, q.a, q.categories)
    const heldB = await withheldUnits(deps, q.level, q.b, q.categories)
    const daysA = periodDays(q.a)
    const daysB = periodDays(q.b)
    const partial = counts.map((r) => {
      const countA = heldA?.has(r.code) ? null : r.incidents_a
      const countB = heldB?.has(r.code) ? null : (r.incidents_b ?? 0)
      const c =
        countA === null || countB === null
          ? compareCounts(0, 0, 0, daysA, daysB)
          : compareCounts(countA, countB, r.population, daysA, daysB)
      return { r, countA, countB, c }
    })
    const pAdj = bhAdjust(partial.map((x) => x.c.p_value ?? Number.NaN))
    const rows = partial.map(({ r, countA, countB, c }, i): CompareRow => {
      const pFdr = finite(pAdj[i])
      return {
        code: r.code,
        name: r.name,
        commune_code: r.commune_code,
        population: r.population,
        count_a: countA,
        count_b: countB,
        ...(heldA && { suppressed: countA === null || countB === null }),
        ...c,
        p_value_fdr: pFdr,
        change_class: q.fdr ? changeClass(pFdr, c.rate_a, c.rate_b) : c.change_class,
      }
    })
    const population = counts.reduce((s, r) => s + r.population, 0)
    const countA = rows.reduce((s, r) => s + (r.count_a ?? 0), 0)
    const countB = rows.reduce((s, r) => s + (r.count_b ?? 0), 0)
    const classes: Record<RateChange, number> = { rise: 0, fall: 0, 'no-change': 0 }
    for (const r of rows) if (r.change_class) classes[r.change_class]++
    return {
      level: q.level,
      a: { ...q.a, days: daysA },
      b: { ...q.b, days: daysB },
      filters: { categories: q.categories ?? null, classes: q.classes ?? null, commune: q.commune ?? null },
      method: {
        rates:
          'incidents per 1,000 residents per year (365.25 days), with the current population for both periods',
        test:
          'exact conditional binomial test of equal rates (Przyborowski & Wileński 1940; as R poisson.test): ' +
          'count_b | count_a + count_b ~ Binomial(count_a + count_b, days_b / (days_a + days_b)); two-sided p-value',
        interval: '95 % Clopper–Pearson interval of the binomial proportion mapped to the rate ratio',
        change_class: `rise / fall when the ${q.fdr ? 'Benjamini–Hochberg adjusted' : 'raw'} p-value is below ${COMPARE_ALPHA}, else no-change; null without population`,
        fdr: 'p_value_fdr: Benjamini–Hochberg (1995) over the units compared',
        infinite: 'rate_ratio and ci_upper are null when unbounded (count_a = 0) or undefined (no incidents)',
        ...(heldA && {
          suppressed:
            'a count withheld in either period (1–2 incidents, or withheld so that such a count cannot be worked out) is null with every statistic of its row; totals add up the published counts',
        }),
      },
      totals: {
        units: rows.length,
        population,
        count_a: countA,
        count_b: countB,
        ...compareCounts(countA, countB, population, daysA, daysB),
        change_classes: classes,
        ...(heldA && { withheld_units: rows.filter((r) => r.suppressed).length }),
      },
      rows,
    }
  })
}
