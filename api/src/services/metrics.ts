import { z } from 'zod'
import { isSuppressed } from '../auth/disclosure.ts'
import { can } from '../auth/principal.ts'
import type { AppDeps } from '../context.ts'
import { ApiError } from '../http/errors.ts'
import { codeList, communeCode, periodFields } from '../http/validate.ts'
import { checkCommuneCode } from './communes.ts'
import { type Period, resolvePeriod } from './period.ts'

// biome-ignore format: a list, kept compact
export const METRIC_NAMES = [
  'population', 'area_km2', 'villages', 'villages_covered', 'active_models', 'weak_models', 'dissolved_models',
  'exemplary_models', 'models_per_1000', 'village_coverage', 'population_covered', 'compliant_models',
  'evaluation_compliance', 'rated_models', 'effective_models', 'effective_share', 'incidents',
  'incident_rate_per_1000', 'incidents_per_km2', 'outreach_sessions', 'outreach_per_1000', 'funding_vnd',
  'funding_per_resident', 'distance_to_border_km', 'border_belt_share',
] as const
export type MetricName = (typeof METRIC_NAMES)[number]

export type MetricsRow = {
  /** set when a small incident count is withheld from an aggregate-only caller */
  incidents_suppressed?: boolean
  code: string
  name: string
  commune_code: string | null
  is_border: boolean
  area_classes: string[]
} & Record<MetricName, number | null>

/** Filters shared by metrics, statistics, priorities and exports. */
export const metricsFilterFields = {
  ...periodFields,
  types: codeList.optional(),
  statuses: codeList.optional(),
  orgs: codeList.optional(),
  categories: codeList.optional(),
  classes: codeList.optional(),
  commune: communeCode.optional(),
  eval_months: z.coerce.number().int('must be a whole number of months').min(1).max(36).optional(),
}
export const metricsQuerySchema = z
  .object({ level: z.enum(['commune', 'village']).default('commune'), ...metricsFilterFields })
  .strict()
export type MetricsQuery = z.output<typeof metricsQuerySchema>

export interface MetricsResult {
  level: 'commune' | 'village'
  period: Period
  filters: Omit<MetricsQuery, 'level' | 'from' | 'to'>
  rows: MetricsRow[]
  totals: Record<string, number | null>
}

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
export function totalsOf(rows: readonly MetricsRow[]): Record<string, number | null> {
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
    incident_rate_per_1000: population > 0 ? (incidents * 1000) / population : null,
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
  const period = resolvePeriod(q, await deps.catalog.range())
  const { level, from: _f, to: _t, ...filters } = q
  const key = JSON.stringify(['metrics', level, period, filters])
  return deps.catalog.memo(key, async () => {
    const rows = await deps.db.query<MetricsRow>(
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
    const totals = totalsOf(rows)
    return {
      level,
      period,
      filters,
      rows:
        deps.principal && !can(deps.principal, 'read_incident_points') ? rows.map(suppressIncidents) : rows,
      totals,
    }
  })
}

/** Aggregate-only callers see small incident counts as suppressed (auth/disclosure.ts); totals keep them. */
function suppressIncidents(row: MetricsRow): MetricsRow {
  if (!isSuppressed(row.incidents)) return row
  return {
    ...row,
    incidents: null,
    incident_rate_per_1000: null,
    incidents_per_km2: null,
    incidents_suppressed: true,
  }
}
