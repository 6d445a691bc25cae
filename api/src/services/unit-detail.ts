import type { Level, SecurityModel, UnitDetail } from '@antt/contract'
import { isAggregateOnly, monthCount, withheldCounts } from '../auth/disclosure.ts'
import { can } from '../auth/principal.ts'
import type { AppDeps } from '../context.ts'
import { type MetricsQuery, runMetrics } from './metrics.ts'

type Filters = Omit<MetricsQuery, 'level' | 'commune'>

/** Everything the detail panel shows for one commune or village; null when the code is unknown. */
export async function unitDetail(deps: AppDeps, code: string, filters: Filters): Promise<UnitDetail | null> {
  const { db } = deps
  const isVillage = code.includes('-')
  const [unit] = await db.query<{
    code: string
    name: string
    commune_code: string | null
    commune_name: string | null
    kind: string
    province_code: string
  }>(
    isVillage
      ? `select v.code, v.name, v.commune_code, c.name as commune_name, v.kind, c.province_code
         from village v join commune c on c.code = v.commune_code where v.code = $1`
      : `select code, name, null as commune_code, null as commune_name, type as kind, province_code
         from commune where code = $1`,
    [code],
  )
  if (!unit) return null
  const communeCode = unit.commune_code ?? unit.code
  const level: Level = isVillage ? 'village' : 'commune'
  const m = await runMetrics(deps, { ...filters, level, commune: communeCode })
  const metrics = m.rows.find((r) => r.code === code) ?? null
  const villages = isVillage
    ? []
    : (await runMetrics(deps, { ...filters, level: 'village', commune: communeCode })).rows
  const scope = isVillage ? 'village_code' : 'commune_code'
  // The records below are those of the unit's province: named, so that on a Citus cluster each query runs on
  // the one shard that holds them, with a model's evaluations beside it (docs/scaling.md).
  const province = unit.province_code

  const counted = await db.query<{ month: string; category: string; n: number }>(
    `select to_char(date_trunc('month', occurred_on), 'YYYY-MM') as month, category_code as category, count(*)::int as n
     from incident
     where province_code = $5 and ${scope} = $1 and occurred_on between $2 and $3
       and ($4::text[] is null or category_code = any ($4))
     group by 1, 2 order by 1, 2`,
    [code, m.period.from, m.period.to, filters.categories ?? null, province],
  )
  // Aggregate-only callers (auth/disclosure.ts): the series lists only published cells. Its cells (months ×
  // categories) add up to the unit's count, so small ones are left out with as many others as keep them from
  // being worked out; unlisted cells may be 0, so they count as withheld zeros.
  const series = isAggregateOnly(deps.principal)
    ? publishedCells(
        counted,
        m.period,
        filters.categories?.length ?? (await deps.catalog.taxonomies()).incident_categories.length,
      )
    : counted
  // Individual models and their evaluations are records: listed for roles that may read records; the
  // others get the same shape, an empty list with the number of models and the reason it is empty.
  const showRecords = can(deps.principal, 'read_records')
  const [{ n: modelCount }] = await db.query<{ n: number }>(
    `select count(*)::int as n from security_model where province_code = $2 and ${scope} = $1`,
    [code, province],
  )
  const models = !showRecords
    ? []
    : await db.query<SecurityModel>(
        `select sm.id, sm.name, sm.type_code, sm.village_code, sm.lead_org_code, to_char(sm.founded_on, 'YYYY-MM-DD') as founded_on,
            sm.members, sm.exemplary, sm.replicated_from, sm.status,
            to_char(sm.dissolved_on, 'YYYY-MM-DD') as dissolved_on, sm.dissolved_reason,
            ST_X(sm.point) as lon, ST_Y(sm.point) as lat,
            coalesce((select json_agg(json_build_object('date', to_char(e.evaluated_on, 'YYYY-MM-DD'), 'rating', e.rating_code)
                                      order by e.evaluated_on desc)
                      from evaluation e where e.province_code = sm.province_code and e.model_id = sm.id), '[]') as evaluations
     from security_model sm where sm.province_code = $2 and sm.${scope} = $1 order by sm.type_code, sm.id`,
        [code, province],
      )
  const certifications = await db.query<UnitDetail['certifications'][number]>(
    `select year, subject_kind, subject_name, village_code, certified from safety_certification
     where province_code = $2 and ${scope} = $1 order by year desc, subject_kind, subject_name`,
    [code, province],
  )
  return {
    code,
    name: unit.name,
    level,
    kind: unit.kind,
    commune: unit.commune_code ? { code: unit.commune_code, name: unit.commune_name ?? '' } : null,
    period: m.period,
    metrics,
    incident_series: series,
    villages,
    models,
    models_count: modelCount,
    models_withheld: showRecords ? null : ('aggregate_only' as const),
    certifications,
  }
}

/** The series cells an aggregate-only caller sees, over a space of every month of the period × `categories`. */
function publishedCells<T extends { n: number }>(
  cells: T[],
  period: { from: string; to: string },
  categories: number,
) {
  const space = monthCount(period) * categories
  const zeros = Math.max(0, space - cells.length)
  const { held } = withheldCounts([...cells.map((c) => c.n), ...Array(zeros).fill(0)], 'unit', {
    zerosHidden: true,
  })
  return cells.filter((_, i) => !held[i])
}
