import { bboxParam, codeList, periodFields } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { z } from 'zod'
import type { AppDeps } from '../context.ts'
import { checkPeriod } from '../http/validate.ts'
import { scopeProvinces } from './area.ts'
import { featureCollectionText } from './geojson.ts'
import { checkTaxonomyCodes } from './metrics.ts'
import { requestPeriod } from './period.ts'

export const INCIDENT_LIMIT_DEFAULT = 20_000
export const INCIDENT_LIMIT_MAX = 50_000

export const incidentPointsQuery = z
  .object({
    ...periodFields,
    categories: codeList
      .optional()
      .meta({ description: 'incident category codes (taxonomy incident_categories); default all' }),
    bbox: bboxParam.optional().meta({ description: 'minLon,minLat,maxLon,maxLat (WGS 84)' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(INCIDENT_LIMIT_MAX)
      .default(INCIDENT_LIMIT_DEFAULT)
      .meta({ description: 'most features returned, newest first; `truncated` says when more matched' }),
  })
  .strict()
export type IncidentPointsQuery = z.output<typeof incidentPointsQuery>

/**
 * Checks the period and categories shared by the incident layers and resolves the defaults: the last
 * 12 months of data, and every category (the full list is returned, so answers say what they counted).
 */
export async function incidentSelection(
  deps: AppDeps,
  q: { from?: string; to?: string; categories?: string[] },
) {
  checkPeriod(q)
  await checkTaxonomyCodes(deps, { categories: q.categories })
  const period = await requestPeriod(deps, q)
  const all = (await deps.catalog.taxonomies()).incident_categories.map((c) => c.code)
  const categories = q.categories ? all.filter((c) => q.categories?.includes(c)) : all
  // named in the reads of incident: one shard's work for a one-province caller on a Citus cluster
  const provinces = await scopeProvinces(deps.db, deps.catalog)
  return { period, categories, allCategories: categories.length === all.length, provinces }
}
export type IncidentSelection = Awaited<ReturnType<typeof incidentSelection>>

export interface IncidentPointsFilter extends IncidentSelection {
  bbox: number[] | null
  limit: number
}

/**
 * Individual incidents as points: the sensitive layer. Every read of incident points goes through this one
 * function, so that access control can scope it (it takes a Queryable, e.g. a transaction with the caller's
 * role and scope set). Newest first; at most `limit` features, with `truncated` and the number `matched`.
 */
export async function incidentPoints(db: Queryable, f: IncidentPointsFilter): Promise<string> {
  const where = `occurred_on between $1::date and $2::date
    and ($3::text[] is null or category_code = any ($3))
    and ($4::float8 is null or point && ST_MakeEnvelope($4, $5, $6, $7, 4326))
    and ($8::text[] is null or province_code = any ($8))`
  const bbox = f.bbox ?? [null, null, null, null]
  const args = [f.period.from, f.period.to, f.allCategories ? null : f.categories, ...bbox, f.provinces]
  const [row] = await db.query<{ n: number; features: string }>(
    `with hits as (
       select id, category_code, occurred_on, severity, precision, commune_code, village_code, point
       from incident where ${where}
       order by occurred_on desc, id
       limit $9::int + 1
     ), ranked as (select h.*, row_number() over (order by occurred_on desc, id) as rn from hits h)
     select count(*)::int as n,
            coalesce(json_agg(json_build_object('type', 'Feature', 'id', id,
              'properties', json_build_object('id', id, 'category_code', category_code,
                'occurred_on', to_char(occurred_on, 'YYYY-MM-DD'), 'severity', severity, 'precision', precision,
                'commune_code', commune_code, 'village_code', village_code),
              'geometry', ST_AsGeoJSON(point, 6)::json) order by rn) filter (where rn <= $9), '[]')::text as features
     from ranked`,
    [...args, f.limit],
  )
  const truncated = row.n > f.limit
  const matched = truncated
    ? (await db.query<{ n: number }>(`select count(*)::int as n from incident where ${where}`, args))[0].n
    : row.n
  return featureCollectionText(row.features, {
    period: f.period,
    categories: f.categories,
    bbox: f.bbox,
    limit: f.limit,
    returned: Math.min(row.n, f.limit),
    matched,
    truncated,
  })
}
