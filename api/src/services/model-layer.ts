import { codeList, communeCode, isoDate, periodFields, scenarioParam } from '@antt/contract'
import { z } from 'zod'
import type { AppDeps } from '../context.ts'
import { ApiError } from '../http/errors.ts'
import { checkCommuneCode } from './communes.ts'
import { featureCollectionText } from './geojson.ts'
import { checkTaxonomyCodes } from './metrics.ts'
import { type Period, resolvePeriod } from './period.ts'

export const modelsQuery = z
  .object({
    ...periodFields,
    types: codeList.optional().meta({ description: 'model type codes (taxonomy model_types); default all' }),
    statuses: codeList
      .optional()
      .meta({ description: 'statuses at the reference date: active, weak, dissolved; default all' }),
    orgs: codeList
      .optional()
      .meta({ description: 'lead organisation codes (taxonomy lead_orgs); default all' }),
    classes: codeList
      .optional()
      .meta({ description: 'area classes of the commune (taxonomy area_classes); any of them' }),
    commune: communeCode.optional().meta({ description: 'only models of this commune' }),
    founded_from: isoDate.optional().meta({ description: 'founded on or after this date' }),
    founded_to: isoDate.optional().meta({ description: 'founded on or before this date' }),
    eval_months: z.coerce
      .number()
      .int('must be a whole number of months')
      .min(1)
      .max(36)
      .default(6)
      .meta({ description: 'required evaluation interval in months' }),
    scenario: scenarioParam.optional(),
  })
  .strict()
export type ModelsQuery = z.output<typeof modelsQuery>

export interface ModelLayer {
  geojson: string
  period: Period
  count: number
}

/**
 * Security models as points, in the state they were in at the reference date — the end of the period
 * (`to`, default the last date of the data). A model is listed when it existed during the period: founded
 * on or before `to` and not dissolved before `from`. Status, last rating and evaluation_overdue are as of
 * `to` (security_model_state, sql/functions/02_model_state.sql); radius_m is the coverage radius of radius types (cameras).
 */
export async function modelLayer(deps: AppDeps, q: ModelsQuery): Promise<ModelLayer> {
  await checkTaxonomyCodes(deps, q)
  await checkCommuneCode(deps, q.commune)
  if (q.founded_from && q.founded_to && q.founded_from > q.founded_to) {
    const problem = 'must not be after founded_to'
    throw new ApiError(400, 'invalid_parameter', `founded_from: ${problem}`, [
      { field: 'founded_from', problem },
    ])
  }
  const period = resolvePeriod(q, await deps.catalog.range())
  const [row] = await deps.db.query<{ features: string; n: number }>(
    `select count(*)::int as n, coalesce(json_agg(json_build_object('type', 'Feature', 'id', s.id,
       'properties', json_build_object(
         'id', s.id, 'name', s.name, 'type_code', s.type_code, 'status', s.status,
         'lead_org_code', s.lead_org_code, 'commune_code', s.commune_code, 'village_code', s.village_code,
         'exemplary', s.exemplary, 'replicated_from', s.replicated_from,
         'founded_on', to_char(s.founded_on, 'YYYY-MM-DD'), 'last_rating', s.last_rating,
         'last_evaluated_on', to_char(s.last_evaluated_on, 'YYYY-MM-DD'),
         'evaluation_overdue', s.evaluation_overdue, 'radius_m', s.radius_m),
       'geometry', ST_AsGeoJSON(s.point, 6)::json) order by s.id), '[]')::text as features
     from security_model_state($2::date, $3::int, $8::text) s
     where (s.dissolved_on is null or s.dissolved_on >= $1::date)
       and ($4::text[] is null or s.type_code = any ($4))
       and ($5::text[] is null or s.status = any ($5))
       and ($6::text[] is null or s.lead_org_code = any ($6))
       and ($7::text[] is null or exists (select 1 from commune_area_class a
                                          where a.commune_code = s.commune_code and a.class_code = any ($7)))
       and ($8::text is null or s.commune_code = $8)
       and ($9::date is null or s.founded_on >= $9)
       and ($10::date is null or s.founded_on <= $10)`,
    [
      period.from,
      period.to,
      q.eval_months,
      q.types ?? null,
      q.statuses ?? null,
      q.orgs ?? null,
      q.classes ?? null,
      q.commune ?? null,
      q.founded_from ?? null,
      q.founded_to ?? null,
    ],
  )
  const geojson = featureCollectionText(row.features, {
    period,
    reference_date: period.to,
    eval_months: q.eval_months,
    count: row.n,
  })
  return { geojson, period, count: row.n }
}
