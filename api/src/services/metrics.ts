import type { MetricName, MetricsQuery, MetricsResult, MetricsRow } from '@antt/contract'
import type { AppDeps } from '../context.ts'
import { ApiError } from '../http/errors.ts'
import { checkCommuneCode } from './communes.ts'
import { type Period, perThousandPerYear, requestPeriod } from './period.ts'
import { DEFAULT_MIN_COUNT, DEFAULT_MIN_POPULATION, smoothedRates } from './stats/smoothed-rates.ts'
import { withheldUnits } from './withheld-units.ts'

export type { MetricsQuery, MetricsResult, MetricsRow }

const SMALL_NUMBERS = { min_population: DEFAULT_MIN_POPULATION, min_count: DEFAULT_MIN_COUNT }

/** Rejects codes that are not in the taxonomies, naming the field. */
export async function checkTaxonomyCodes(
  deps: AppDeps,
  q: Partial<Record<'types' | 'statuses' | 'orgs' | 'categories' | 'classes', string[]>>,
) {
  const t = await deps.catalog.taxonomies()
  const known: Record<string, { code: string }[]> = {
    types: t.model_types,
    statuses: t.statuses,
    orgs: t.lead_orgs,
    categories: t.incident_categories,
    classes: t.area_classes,
  }
  for (const [field, values] of Object.entries(q)) {
    if (!values || !known[field]) continue
    const set = new Set(known[field].map((x) => x.code))
    const bad = values.filter((v) => !set.has(v))
    if (bad.length)
      throw new ApiError(400, 'invalid_parameter', `${field}: unknown code ${bad.join(', ')}`, [
        { field, problem: `unknown code ${bad.join(', ')}` },
      ])
  }
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null)

/** Province totals by the same definitions: sums, and ratios of sums (not means of ratios). */
export function totalsOf(rows: readonly MetricsRow[], period: Period): Record<string, number | null> {
  const sum = (k: MetricName) => rows.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0)
  const population = sum('population')
  const area = sum('area_km2')
  const active = sum('active_models')
  const incidents = sum('incidents')
  return {
    units: rows.length,
    population,
    area_km2: area,
    villages: sum('villages'),
    villages_covered: sum('villages_covered'),
    village_coverage: ratio(sum('villages_covered'), sum('villages')),
    population_covered: sum('population_covered'),
    active_models: active,
    weak_models: sum('weak_models'),
    dissolved_models: sum('dissolved_models'),
    exemplary_models: sum('exemplary_models'),
    models_per_1000: population > 0 ? (active * 1000) / population : null,
    evaluation_compliance: ratio(sum('compliant_models'), active),
    effective_share: ratio(sum('effective_models'), sum('rated_models')),
    incidents,
    incident_rate_per_1000: perThousandPerYear(incidents, population, period),
    incidents_per_km2: area > 0 ? incidents / area : null,
    outreach_sessions: sum('outreach_sessions'),
    outreach_per_1000: population > 0 ? (sum('outreach_sessions') * 1000) / population : null,
    funding_vnd: sum('funding_vnd'),
    funding_per_resident: population > 0 ? sum('funding_vnd') / population : null,
    border_units: rows.filter((r) => r.is_border).length,
  }
}

/** Runs unit_metrics() (migrations 008, 015) with validated filters; memoised until the data changes. */
export async function runMetrics(deps: AppDeps, q: MetricsQuery): Promise<MetricsResult> {
  await checkTaxonomyCodes(deps, q)
  await checkCommuneCode(deps, q.commune)
  const period = await requestPeriod(deps, q)
  const { level, from: _f, to: _t, ...filters } = q
  const key = JSON.stringify(['metrics', level, period, filters])
  return deps.catalog.memo(key, async () => {
    const raw = await deps.db.query<MetricsRow>(
      `select * from unit_metrics($1, $2::date, $3::date, $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9, $10)`,
      [
        level,
        period.from,
        period.to,
        filters.types ?? null,
        filters.statuses ?? ['active'],
        filters.orgs ?? null,
        filters.categories ?? null,
        filters.classes ?? null,
        filters.commune ?? null,
        filters.eval_months ?? 6,
      ],
    )
    // unit_metrics() counts over the period; the API rate is per 1,000 residents per year, so that periods
    // of different length (and classes locked across them) compare.
    const rows = raw.map((r) => ({
      ...r,
      incident_rate_per_1000: perThousandPerYear(r.incidents ?? 0, r.population, period),
    }))
    const withheld = await withheldUnits(deps, level, period, filters.categories)
    // Aggregate-only callers (auth/disclosure.ts): withheld counts and what derives from them are null, and
    // the totals add up the published rows only.
    const shown = withheld ? rows.map((r) => (withheld.has(r.code) ? withholdIncidents(r) : r)) : rows
    const rates = await scopeRates(deps, q, period, shown)
    const out = shown.map((r) => {
      const rate = rates.get(r.code)
      return { ...r, incident_rate_eb: rate?.smoothed ?? null, incident_rate_flagged: rate?.flagged ?? null }
    })
    const totals = {
      ...totalsOf(out, period),
      ...(withheld && { incidents_withheld_units: out.filter((r) => r.incidents_suppressed).length }),
    }
    return { level, period, filters, rows: out, totals, small_numbers: SMALL_NUMBERS }
  })
}

/**
 * Empirical-Bayes rates (stats/rates.ts) keyed by unit code. The prior is the caller's whole scope at the
 * level, for the period and incident categories: a commune or area-class filter chooses which units are
 * shown, not what they are smoothed toward, so a unit's smoothed rate is the same in every view of it.
 * Withheld counts are missing data and stay out of the estimate.
 */
async function scopeRates(deps: AppDeps, q: MetricsQuery, period: Period, rows: readonly MetricsRow[]) {
  const scope =
    q.commune || q.classes
      ? (
          await runMetrics(deps, {
            level: q.level,
            from: period.from,
            to: period.to,
            categories: q.categories,
          })
        ).rows
      : null
  if (scope)
    return new Map(
      scope.map((r) => [r.code, { smoothed: r.incident_rate_eb, flagged: r.incident_rate_flagged }]),
    )
  const published = rows.filter((r) => r.incidents !== null)
  const eb = smoothedRates(
    published.map((r) => ({ population: r.population, incidents: r.incidents as number })),
    period,
  )
  return new Map(published.map((r, i) => [r.code, eb.rows[i]]))
}

function withholdIncidents(row: MetricsRow): MetricsRow {
  return {
    ...row,
    incidents: null,
    incident_rate_per_1000: null,
    incidents_per_km2: null,
    incidents_suppressed: true,
  }
}
