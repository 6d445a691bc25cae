import { MIN_DISCLOSED_COUNT, MIN_HEX_EDGE_M } from '../auth/disclosure.ts'
// The tile layers: what each one carries, from which zoom, and the SQL of its features.

export interface TileField {
  name: string
  /** SQL expression over the source row `t` */
  sql: string
  description: string
  /** left out of tiles below this zoom (per-zoom property selection) */
  minzoom?: number
}

/** Incident filters of the `incident_hex` layer, already validated and resolved. */
export interface IncidentFilters {
  from: string
  to: string
  categories: string[] | null
  /** finest hexagon edge in ground metres for the caller (auth/disclosure.ts); default none */
  hexFloorM?: number
}

export interface TileLayer {
  id: string
  description: string
  geometry: 'point' | 'line' | 'polygon'
  minzoom: number
  maxzoom: number
  fields: readonly TileField[]
  /**
   * SQL of the features before generalisation: the given fields and `geom` in EPSG:3857. It may use
   * the `tile` relation (env: the tile envelope, area/area4326: the envelope plus its buffer, u: metres
   * per tile unit), $4: the caller's provinces (IN_CALLERS_PROVINCES) and, from $5 on, the values returned by `args`.
   */
  features: (fields: readonly TileField[], z: number) => string
  /** at zoom z, `geom` of features() is already generalised for the zoom: the tile query does not simplify it again */
  generalised?: (z: number) => boolean
  args?: (filters: IncidentFilters, z: number) => unknown[]
  /** takes the incident filters from/to/categories */
  incidentFilters?: boolean
}

export const MIN_ZOOM = 0
export const MAX_ZOOM = 16

/** Cells with fewer incidents than this are left out of `incident_hex`, so no cell points at one or two cases. */
export const HEX_MIN_COUNT = MIN_DISCLOSED_COUNT

/**
 * Hexagon edge length in metres at zoom z: 12 px of a 256 px tile, so cells are about 24 px across,
 * kept between 250 m (incident locations are often only the village) and 25 km.
 */
export function hexSize(z: number): number {
  const metresPerPixel = 156_543.033_928_041 / 2 ** z // 2π·6378137 / 256
  return Math.min(25_000, Math.max(250, 12 * metresPerPixel))
}

/**
 * A fact table's rows `t` of the caller's provinces ($4, null for the whole area): on a Citus cluster the tile of
 * a one-province caller then reads that province's shard only. Row-level security still decides the rows.
 */
const IN_CALLERS_PROVINCES = '($4::text[] is null or t.province_code = any ($4::text[]))'

const select = (fields: readonly TileField[]) => fields.map((f) => `${f.sql} as "${f.name}"`).join(', ')

/** Features straight from a table: rows whose geometry (EPSG:4326) meets the buffered tile. */
function fromTable(from: string, geom: string, opts: { where?: string; orderBy?: string } = {}) {
  return (fields: readonly TileField[]) =>
    `select ${[select(fields), `ST_Transform(${geom}, 3857) as geom`].filter(Boolean).join(', ')}
     from ${from}, tile
     where ${geom} && tile.area4326${opts.where ? ` and ${opts.where}` : ''}
     ${opts.orderBy ? `order by ${opts.orderBy}` : ''}`
}

/** Up to this zoom, commune and province outlines come generalised from unit_tile_geom (migration 025). */
export const TILE_GEOM_MAX_ZOOM = 8

/**
 * Communes or provinces in force that meet the buffered tile: up to TILE_GEOM_MAX_ZOOM their outline as
 * generalised for the zoom (unit_tile_geom, the tile query's own tolerance applied once when the outline was
 * written), beyond it the full outline.
 */
function units(level: 'commune' | 'province', table: string, orderBy?: string) {
  const full = fromTable(`${table} t`, 't.geom', { where: 't.valid_to is null', orderBy })
  return (fields: readonly TileField[], z: number) =>
    z > TILE_GEOM_MAX_ZOOM
      ? full(fields)
      : `select ${[select(fields), 'g.geom'].filter(Boolean).join(', ')}
         from ${table} t join unit_tile_geom g on g.level = '${level}' and g.z = ${Math.trunc(z)} and g.code = t.code, tile
         where t.geom && tile.area4326 and t.valid_to is null
         ${orderBy ? `order by ${orderBy}` : ''}`
}
const generalisedUnits = (z: number) => z <= TILE_GEOM_MAX_ZOOM

/** A field that is the column of that name of the layer's source row `t`, from `minzoom` when given. */
const tColumn = (column: string, description: string, minzoom?: number): TileField => ({
  name: column,
  sql: `t.${column}`,
  description,
  ...(minzoom === undefined ? {} : { minzoom }),
})
const code = tColumn('code', 'official code')
const name = tColumn('name', 'name (Vietnamese)')
const isBorder = (communeCode: string) =>
  `exists (select 1 from commune_area_class a where a.commune_code = ${communeCode} and a.class_code = 'border')`

/** A layer as written below: shown at every zoom from MIN_ZOOM to MAX_ZOOM unless it says otherwise. */
type LayerSpec = Omit<TileLayer, 'minzoom' | 'maxzoom'> & Partial<Pick<TileLayer, 'minzoom' | 'maxzoom'>>

const LAYERS: LayerSpec[] = [
  {
    id: 'province',
    description: 'Outline of the province in force',
    geometry: 'polygon',
    fields: [code, name],
    features: units('province', 'province'),
    generalised: generalisedUnits,
  },
  {
    id: 'mask',
    description:
      'Land around the area: a box 5° around its outline (the province, or the country) minus the outline, to grey out what lies outside',
    geometry: 'polygon',
    fields: [],
    features: () =>
      `select ST_Transform(ST_Difference(ST_Expand(ST_Envelope(t.geom), 5), t.geom), 3857) as geom
       from area_outline t`,
  },
  {
    id: 'neighbours',
    description: 'The other provinces within reach of the area, drawn as context around it, with their names',
    geometry: 'polygon',
    fields: [code, name],
    features: fromTable('context_province t', 't.geom'),
  },
  {
    id: 'communes',
    description: 'Communes, wards and special zones (since 2025-07-01)',
    geometry: 'polygon',
    fields: [
      code,
      name,
      tColumn('full_name', 'full name with its type, e.g. Phường Lào Cai (from z8)', 8),
      tColumn('type', 'xa, phuong or dac_khu (from z8)', 8),
      tColumn('population', 'residents (from z8)', 8),
      { name: 'is_border', sql: isBorder('t.code'), description: 'a border commune (khu vực biên giới)' },
    ],
    features: units('commune', 'commune', 't.code'),
    generalised: generalisedUnits,
  },
  {
    id: 'villages',
    description: 'Villages (thôn, bản, tổ dân phố), polygons; generated demo boundaries',
    geometry: 'polygon',
    minzoom: 9,
    fields: [
      code,
      name,
      tColumn('commune_code', 'code of the commune'),
      tColumn('kind', 'thon, ban or to_dan_pho'),
      tColumn('population', 'residents'),
    ],
    features: fromTable('village t', 't.geom', {
      where: 't.geom is not null and t.valid_to is null',
      orderBy: 't.code',
    }),
  },
  {
    id: 'village_points',
    description: 'Village centres, for labels and symbols',
    geometry: 'point',
    minzoom: 10,
    fields: [code, name, tColumn('commune_code', 'code of the commune')],
    features: fromTable('village t', 't.point', { where: 't.valid_to is null', orderBy: 't.code' }),
  },
  {
    id: 'border_line',
    description: 'National border line (Viet Nam – China)',
    geometry: 'line',
    fields: [tColumn('id', 'line id'), tColumn('name', 'name')],
    features: fromTable('border_line t', 't.geom', { orderBy: 't.id' }),
  },
  {
    id: 'border_belt',
    description:
      'Border belt (vành đai biên giới): the strip inside the province up to depth_m from the border line',
    geometry: 'polygon',
    fields: [tColumn('id', 'belt id'), tColumn('depth_m', 'depth from the border line, metres')],
    features: fromTable('border_belt t', 't.geom', { orderBy: 't.id' }),
  },
  {
    id: 'border_features',
    description: 'Border gates, openings, markers and border-guard posts',
    geometry: 'point',
    fields: [
      tColumn('id', 'feature id'),
      tColumn('kind', 'gate_international, gate_main, gate_secondary, opening, marker or post'),
      tColumn('name', 'name'),
    ],
    features: fromTable('border_feature t', 't.geom', { orderBy: 't.id' }),
  },
  {
    id: 'models',
    description: 'Security models (mô hình) with a location',
    geometry: 'point',
    minzoom: 8,
    fields: [
      tColumn('id', 'model id'),
      tColumn('type_code', 'model type (see /api/meta taxonomies)'),
      tColumn('status', 'active, weak or dissolved'),
      tColumn('lead_org_code', 'lead organisation'),
      tColumn('exemplary', 'an exemplary model (điển hình tiên tiến)'),
      tColumn('commune_code', 'code of the commune'),
    ],
    features: fromTable('security_model t', 't.point', {
      where: `t.point is not null and ${IN_CALLERS_PROVINCES}`,
      orderBy: 't.id',
    }),
  },
  {
    id: 'incident_hex',
    description:
      `Incidents counted in hexagons of EPSG:3857, about 24 px across (edge 250 m to 25 km); cells with fewer than ` +
      `${HEX_MIN_COUNT} incidents are left out; for aggregate-only roles the edge is at least ${MIN_HEX_EDGE_M} m and the period whole months. Query: from, to (YYYY-MM-DD, default the last 12 months of data), categories.`,
    geometry: 'polygon',
    fields: [
      { name: 'count', sql: 'h.incidents', description: `incidents in the cell (at least ${HEX_MIN_COUNT})` },
    ],
    incidentFilters: true,
    args: (f, z) => [hexSize(z), f.from, f.to, f.categories, f.hexFloorM ?? 0],
    // tile_incident_hex() is in sql/functions/05_tiles.sql, hex_size_3857() (ground metres to EPSG:3857 units) in 04_incident_layers.sql
    features: (fields) =>
      `select ${select(fields)}, h.geom
       from tile, tile_incident_hex(tile.area, greatest($5::float8, hex_size_3857($9::float8)), $6::date, $7::date,
                                    $8::text[], ${HEX_MIN_COUNT}) as h`,
  },
]

export const TILE_LAYERS: ReadonlyMap<string, TileLayer> = new Map(
  LAYERS.map((l) => [l.id, Object.freeze({ minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM, ...l })]),
)

/** The fields a tile at zoom z carries. */
export const fieldsAt = (layer: TileLayer, z: number) => layer.fields.filter((f) => (f.minzoom ?? 0) <= z)
