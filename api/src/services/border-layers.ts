import { BORDER_FEATURE_KINDS, commaList, simplifyParam } from '@antt/contract'
import { z } from 'zod'
import type { AppDeps } from '../context.ts'
import { featureCollectionText } from './geojson.ts'

export const borderLineQuery = z.object({ simplify: simplifyParam }).strict()
export const borderBeltQuery = z.object({ simplify: simplifyParam }).strict()
export const borderFeaturesQuery = z
  .object({
    kinds: commaList(500)
      .pipe(
        z
          .array(
            z.enum(BORDER_FEATURE_KINDS, { message: `expected some of ${BORDER_FEATURE_KINDS.join(', ')}` }),
          )
          .min(1),
      )
      .optional()
      .meta({ description: `comma-separated kinds: ${BORDER_FEATURE_KINDS.join(', ')}; default all` }),
  })
  .strict()

const geometry = (col: string, simplify: number) =>
  `ST_AsGeoJSON(${simplify > 0 ? `ST_SimplifyPreserveTopology(${col}, ${Number(simplify)})` : col}, 6)::json`

async function collection(deps: AppDeps, key: unknown[], sql: string, args: unknown[] = []): Promise<string> {
  return deps.catalog.memo(JSON.stringify(key), async () => {
    const [row] = await deps.db.query<{ features: string }>(sql, args)
    return featureCollectionText(row.features)
  })
}

/** The national border within the province's reach (one feature per source line). */
export function borderLine(deps: AppDeps, q: z.output<typeof borderLineQuery>): Promise<string> {
  return collection(
    deps,
    ['border_line', q.simplify],
    `select coalesce(json_agg(json_build_object('type', 'Feature', 'id', id,
       'properties', json_build_object('id', id, 'name', name, 'source', source),
       'geometry', ${geometry('geom', q.simplify)}) order by id), '[]')::text as features
     from border_line`,
  )
}

/** The border belt: the strip up to depth_m (1,000 m) inside the province from the border line. */
export function borderBelt(deps: AppDeps, q: z.output<typeof borderBeltQuery>): Promise<string> {
  return collection(
    deps,
    ['border_belt', q.simplify],
    `select coalesce(json_agg(json_build_object('type', 'Feature', 'id', id,
       'properties', json_build_object('id', id, 'depth_m', depth_m,
                                       'area_km2', round((ST_Area(geom::geography) / 1e6)::numeric, 3)),
       'geometry', ${geometry('geom', q.simplify)}) order by id), '[]')::text as features
     from border_belt`,
  )
}

/** Border gates, openings, markers and border-guard posts as points. */
export function borderFeatures(deps: AppDeps, q: z.output<typeof borderFeaturesQuery>): Promise<string> {
  const kinds = q.kinds ? [...new Set(q.kinds)].sort() : null
  return collection(
    deps,
    ['border_features', kinds],
    `select coalesce(json_agg(json_build_object('type', 'Feature', 'id', id,
       'properties', json_build_object('id', id, 'kind', kind, 'name', name, 'commune_code', commune_code),
       'geometry', ST_AsGeoJSON(geom, 6)::json) order by kind, id), '[]')::text as features
     from border_feature where $1::text[] is null or kind = any ($1)`,
    [kinds],
  )
}
