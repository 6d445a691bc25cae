import type { Level, MetricName, MetricsQuery, MetricsResult, MetricsRow } from '@antt/contract'
import { isAggregateOnly } from '../auth/disclosure.ts'
import type { AppDeps } from '../context.ts'
import { ApiError, badRequest } from '../http/errors.ts'
import { checkCommuneCode } from './communes.ts'
import { type Period, perThousandPerYear, requestPeriod } from './period.ts'
import { DEFAULT_MIN_COUNT, DEFAULT_MIN_POPULATION, smoothedRates } from './stats/smoothed-rates.ts'
import { withheldUnits } from './withheld-units.ts'

export type { MetricsQuery, MetricsResult, MetricsRow }
/** Metrics over communes or villages: what the statistics are computed on. */
export type UnitMetricsQuery = MetricsQuery & { level: Level }

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
    compliant_models: sum('compliant_models'),
    rated_models: sum('rated_models'),
    effective_models: sum('effective_models'),
    outreach_sessions: sum('outreach_sessions'),
    outreach_per_1000: population > 0 ? (sum('outreach_sessions') * 1000) / population : null,
    funding_vnd: sum('funding_vnd'),
    funding_per_resident: population > 0 ? sum('funding_vnd') / population : null,
    border_units: rows.filter((r) => r.is_border).length,
  }
}

/**
 * Runs unit_metrics() (sql/functions/03_metrics.sql) with validated filters, or adds up the communes by
 * province (level=province); memoised until the data changes.
 */
export async function runMetrics<Q extends MetricsQuery>(
  deps: AppDeps,
  q: Q,
): Promise<MetricsResult & { level: Q['level'] }> {
  await checkTaxonomyCodes(deps, q)
  await checkCommuneCode(deps, q.commune)
  if (q.level === 'province' && q.commune)
    throw badRequest('commune', 'a commune filter does not apply to level=province')
  const period = await requestPeriod(deps, q)
  const { level, from: _f, to: _t, ...filters } = q
  const key = JSON.stringify(['metrics', level, period, filters])
  return deps.catalog.memo(key, async () => {
    // Aggregate-only callers (auth/disclosure.ts): withheld counts and what derives from them are null, and
    // the totals add up the published rows only. Provinces add up their communes as published.
    const communes =
      level === 'province'
        ? await runMetrics(deps, { ...q, level: 'commune', from: period.from, to: period.to })
        : null
    const shown =
      level === 'province'
        ? await provinceRows(deps, communes?.rows ?? [], period)
        : await unitRows(deps, level, period, filters)
    const rates = await scopeRates(deps, q, period, shown)
    const out = shown.map((r) => {
      const rate = rates.get(r.code)
      return { ...r, incident_rate_eb: rate?.smoothed ?? null, incident_rate_flagged: rate?.flagged ?? null }
    })
    const withheld = communes
      ? (communes.totals.incidents_withheld_units ?? 0)
      : out.filter((r) => r.incidents_suppressed).length
    const totals = {
      ...totalsOf(out, period),
      ...(isAggregateOnly(deps.principal) && { incidents_withheld_units: withheld }),
    }
    return { level, period, filters, rows: out, totals, small_numbers: SMALL_NUMBERS }
  }) as Promise<MetricsResult & { level: Q['level'] }>
}

async function unitRows(
  deps: AppDeps,
  level: Level,
  period: Period,
  filters: Omit<MetricsQuery, 'level' | 'from' | 'to'>,
): Promise<MetricsRow[]> {
  // One JSON value for all rows: parsed natively, where 3,321 rows of 30 columns each (the whole country)
  // cost about 60 ms of the driver's row-by-row parsing on each new period
  const [{ rows: raw }] = await deps.db.query<{ rows: MetricsRow[] }>(
    `select coalesce(json_agg(m order by m.code), '[]') as rows
     from unit_metrics($1, $2::date, $3::date, $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9, $10) m`,
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
  return withheld ? rows.map((r) => (withheld.has(r.code) ? withholdIncidents(r) : r)) : rows
}

/**
 * One row per province with communes in the caller's scope (and filters): the sums of its communes and
 * ratios of those sums, by the same definitions as the totals; the nearest commune's distance to the border
 * and the area-weighted belt share. For an aggregate-only caller the incident sums are of the published
 * commune counts (auth/disclosure.ts rule 2): published counts are 0 or at least 3, and so are their sums.
 */
async function provinceRows(
  deps: AppDeps,
  communes: readonly MetricsRow[],
  period: Period,
): Promise<MetricsRow[]> {
  const provinces = await deps.catalog.memo('commune provinces', () =>
    deps.db.query<{ commune: string; code: string; name: string }>(
      `select c.code as commune, p.code, p.name from commune c join province p on p.code = c.province_code`,
    ),
  )
  const byCommune = new Map(provinces.map((p) => [p.commune, p]))
  const groups = new Map<string, { name: string; rows: MetricsRow[] }>()
  for (const r of communes) {
    const p = byCommune.get(r.code)
    if (!p) continue
    const g = groups.get(p.code) ?? { name: p.name, rows: [] }
    g.rows.push(r)
    groups.set(p.code, g)
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, { name, rows }]) => {
      const { units: _u, border_units: _b, ...sums } = totalsOf(rows, period)
      const area = sums.area_km2 ?? 0
      const distances = rows.map((r) => r.distance_to_border_km).filter((d): d is number => d !== null)
      return {
        ...(sums as Record<MetricName, number | null>),
        code,
        name,
        commune_code: null,
        is_border: rows.some((r) => r.is_border),
        area_classes: [...new Set(rows.flatMap((r) => r.area_classes))],
        distance_to_border_km: distances.length ? Math.min(...distances) : null,
        border_belt_share:
          area > 0
            ? rows.reduce((s, r) => s + (r.border_belt_share ?? 0) * (r.area_km2 ?? 0), 0) / area
            : null,
        incident_rate_eb: null,
        incident_rate_flagged: null,
      }
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
