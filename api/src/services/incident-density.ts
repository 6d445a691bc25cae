import { codeList, periodFields } from '@antt/contract'
import { z } from 'zod'
import { isAggregateOnly, MIN_DISCLOSED_COUNT, MIN_HEX_EDGE_M } from '../auth/disclosure.ts'
import { can } from '../auth/principal.ts'
import type { AppDeps } from '../context.ts'
import { ApiError } from '../http/errors.ts'
import { featureCollectionText } from './geojson.ts'
import { type IncidentSelection, incidentSelection } from './incident-points.ts'
import { withheldUnits } from './withheld-units.ts'

export const DENSITY_DEFAULTS = {
  mode: 'hex',
  level: 'commune',
  resolution: 2000,
  min_count: MIN_DISCLOSED_COUNT,
  geometry: true,
} as const

export const densityQuery = z
  .object({
    mode: z
      .enum(['hex', 'units'])
      .default(DENSITY_DEFAULTS.mode)
      .meta({ description: 'hex: a hexagon grid; units: communes or villages' }),
    level: z
      .enum(['commune', 'village'])
      .optional()
      // optional without a zod default, so that giving it with mode=hex can be refused; the default is documented
      .meta({ description: 'mode=units only: the units counted', default: DENSITY_DEFAULTS.level }),
    resolution: z.coerce
      .number()
      .int('must be a whole number of metres')
      .min(250)
      .max(20_000)
      .optional()
      .meta({
        description:
          "mode=hex only: hexagon edge length (centre to vertex) in ground metres; the grid is built in EPSG:3857 with the size corrected by 1/cos(latitude) at the province's centre",
        default: DENSITY_DEFAULTS.resolution,
      }),
    ...periodFields,
    categories: codeList.optional().meta({ description: 'incident category codes; default all' }),
    min_count: z.coerce.number().int().min(1).max(1000).default(DENSITY_DEFAULTS.min_count).meta({
      description: 'cells or units with 0 < count < min_count are reported as suppressed (count null)',
    }),
    geometry: z
      .enum(['true', 'false'])
      .optional()
      .meta({ description: 'mode=units only: false returns plain rows without geometry', default: 'true' }),
    simplify: z.coerce.number().min(0).max(0.1).optional().meta({
      description:
        'mode=units only: Douglas–Peucker tolerance in degrees (0.0005° ≈ 50 m); 0 keeps the stored geometry',
      default: 0,
    }),
  })
  .strict()
export type DensityQuery = z.output<typeof densityQuery>

export interface DensityResult {
  /** application/geo+json text, or a plain JSON object when geometry=false */
  body: string | DensityRows
  geojson: boolean
}
export interface DensityRows extends DensityMeta {
  rows: {
    code: string
    name: string
    commune_code: string | null
    count: number | null
    suppressed: boolean
  }[]
}
interface DensityMeta {
  mode: 'hex' | 'units'
  period: IncidentSelection['period']
  categories: string[]
  min_count: number
  suppressed_cells: number
  [extra: string]: unknown
}

function onlyFor(mode: string, q: DensityQuery, fields: (keyof DensityQuery)[]) {
  for (const field of fields) {
    if (q[field] === undefined) continue
    const problem = `only with mode=${mode}`
    throw new ApiError(400, 'invalid_parameter', `${field}: ${problem}`, [{ field, problem }])
  }
}

// Suppression rule, the same for cells and units: 0 < n < min_count → count null, suppressed true; units also
// when withheld for an aggregate-only caller (auth/disclosure.ts, secondary suppression).
const isSuppressed = (n: string) => `(${n} > 0 and ${n} < $min or code = any ($held))`
const suppress = (n: string) => `case when ${isSuppressed(n)} then null else ${n} end`

/**
 * Incident density on a hexagon grid or per unit, with small counts suppressed (statistical disclosure
 * control: a cell of 1–2 incidents can point at a household). Hex cells with no incident are omitted, and so
 * are suppressed ones, geometry and all (only their number is given); units with none are listed with count 0,
 * since a unit's zero is information, not a disclosure.
 * Lowering min_count below the default needs the permission to see incident points anyway.
 */
export async function incidentDensity(deps: AppDeps, q: DensityQuery): Promise<DensityResult> {
  if (q.mode === 'hex') onlyFor('units', q, ['level', 'geometry', 'simplify'])
  else onlyFor('hex', q, ['resolution'])
  if (q.min_count < DENSITY_DEFAULTS.min_count && !can(deps.principal, 'read_incident_points')) {
    const problem = `below ${DENSITY_DEFAULTS.min_count} needs the read_incident_points permission`
    throw new ApiError(403, 'forbidden', `min_count: ${problem}`, [{ field: 'min_count', problem }])
  }
  const sel = await incidentSelection(deps, q)
  const cats = sel.allCategories ? null : sel.categories
  const meta = { mode: q.mode, period: sel.period, categories: sel.categories, min_count: q.min_count }
  const min = (sql: string) => sql.replaceAll('$min', '$4::int').replaceAll('$held', '$5::text[]')

  if (q.mode === 'hex') {
    // aggregate-only callers get hexagons no finer than the floor (auth/disclosure.ts)
    const floor = isAggregateOnly(deps.principal) ? MIN_HEX_EDGE_M : 0
    const resolution = Math.max(q.resolution ?? DENSITY_DEFAULTS.resolution, floor)
    const [row] = await deps.db.query<{ features: string; suppressed: number; size: number }>(
      `select count(*) filter (where suppressed)::int as suppressed, hex_size_3857($5) as size,
              coalesce(json_agg(json_build_object('type', 'Feature', 'id', cell_i || ':' || cell_j,
                'properties', json_build_object('i', cell_i, 'j', cell_j, 'count', incidents, 'suppressed', suppressed),
                'geometry', ST_AsGeoJSON(ST_Transform(geom, 4326), 6)::json) order by cell_j, cell_i)
                filter (where not suppressed), '[]')::text as features
       from incident_hex_counts($1::date, $2::date, $3::text[], $5, $4::int)`,
      [sel.period.from, sel.period.to, cats, q.min_count, resolution],
    )
    const body = featureCollectionText(row.features, {
      ...meta,
      suppressed_cells: row.suppressed,
      resolution_m: resolution,
      cell_size_3857: Math.round(row.size * 1000) / 1000,
      crs_note:
        'hexagons built in EPSG:3857 with the edge length scaled by 1/cos(latitude) at the province centre',
    })
    return { body, geojson: true }
  }

  const level = q.level ?? DENSITY_DEFAULTS.level
  const held = [...((await withheldUnits(deps, level, sel.period, cats)) ?? [])]
  const withGeometry = (q.geometry ?? 'true') === 'true'
  const tolerance = q.simplify ?? 0
  const unitGeom = level === 'commune' ? 'u.geom' : 'coalesce(u.geom, u.point)'
  const geom = tolerance > 0 ? `ST_SimplifyPreserveTopology(${unitGeom}, ${Number(tolerance)})` : unitGeom
  // counted per unit first, then joined to the units: an aggregate that a Citus cluster works out on every
  // shard (a count per unit correlated with the units, a reference table, it does not plan)
  const counts = `with counted as (
       select i.${level}_code as code, count(*)::int as n from incident i
       where i.occurred_on between $1::date and $2::date and ($3::text[] is null or i.category_code = any ($3))
         and ($6::text[] is null or i.province_code = any ($6))
       group by 1
     ), counts as (
       select u.code, u.name, ${level === 'commune' ? 'null::text' : 'u.commune_code'} as commune_code,
              ${withGeometry ? `${geom} as geom,` : ''}
              coalesce(c.n, 0) as n
       from ${level} u left join counted c on c.code = u.code
     )`
  if (!withGeometry) {
    const rows = await deps.db.query<DensityRows['rows'][number]>(
      min(`${counts} select code, name, commune_code, ${suppress('n')} as count, ${isSuppressed('n')} as suppressed
           from counts order by code`),
      [sel.period.from, sel.period.to, cats, q.min_count, held, sel.provinces],
    )
    return {
      body: { ...meta, level, suppressed_cells: rows.filter((r) => r.suppressed).length, rows },
      geojson: false,
    }
  }
  const [row] = await deps.db.query<{ features: string; suppressed: number }>(
    min(`${counts}
     select count(*) filter (where ${isSuppressed('n')})::int as suppressed,
            coalesce(json_agg(json_build_object('type', 'Feature', 'id', code,
              'properties', json_build_object('code', code, 'name', name, 'commune_code', commune_code,
                                              'count', ${suppress('n')}, 'suppressed', ${isSuppressed('n')}),
              'geometry', ST_AsGeoJSON(geom, 6)::json) order by code), '[]')::text as features
     from counts`),
    [sel.period.from, sel.period.to, cats, q.min_count, held, sel.provinces],
  )
  return {
    body: featureCollectionText(row.features, { ...meta, level, suppressed_cells: row.suppressed }),
    geojson: true,
  }
}
