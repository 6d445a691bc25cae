// One SQL query per layer and tile. Both backends run the same row query; only the last step differs:
// the server encodes with ST_AsMVT, the embedded database returns GeoJSON in tile coordinates for the
// Node encoder (its PostGIS has no ST_AsMVT/ST_AsMVTGeom; tile_geom() of sql/functions/05_tiles.sql stands in).
import type { Db } from '@antt/data/db'
import { fieldsAt, type IncidentFilters, type TileLayer } from './layers.ts'

/** Tile coordinate range and clip buffer, in tile units (Mapbox Vector Tile spec 2.1 §4.3.1). */
export const EXTENT = 4096
export const BUFFER = 64
/** Douglas–Peucker tolerance in tile units: per zoom, one unit is 1/4096 of the tile's width. */
export const SIMPLIFY_UNITS = 1

export interface TileAddress {
  z: number
  x: number
  y: number
}

export interface TileQuery {
  sql: string
  args: unknown[]
  /** property names, in column order */
  fields: string[]
}

// $4: the caller's provinces (null: the whole area), typed here for the layers that do not name them
const TILE_CTE = `with tile as (
  select e as env, ST_Expand(e, ${BUFFER} * u) as area, ST_Transform(ST_Expand(e, ${BUFFER} * u), 4326) as area4326, u,
         $4::text[] as provinces
  from ST_TileEnvelope($1::int, $2::int, $3::int) as e,
       lateral (select (ST_XMax(e) - ST_XMin(e)) / ${EXTENT} as u) as unit
)`

/** The shared row query: one row per feature, its properties and `geom` in tile coordinates (NULL when clipped away). */
export function tileRowsSql(
  kind: Db['kind'],
  layer: TileLayer,
  z: number,
): { sql: string; fields: string[] } {
  const fields = fieldsAt(layer, z)
  const simplified = layer.generalised?.(z)
    ? 'f.geom'
    : `ST_SimplifyPreserveTopology(f.geom, tile.u * ${SIMPLIFY_UNITS})`
  const geom =
    kind === 'postgres'
      ? `ST_AsMVTGeom(${simplified}, tile.env::box2d, ${EXTENT}, ${BUFFER}, true)`
      : `tile_geom(${simplified}, tile.env::box2d, ${EXTENT}, ${BUFFER})`
  const names = fields.map((f) => `f."${f.name}"`)
  const sql = `${TILE_CTE}
select ${[...names, `${geom} as geom`].join(', ')}
from (${layer.features(fields, z)}) as f, tile`
  return { sql, fields: fields.map((f) => f.name) }
}

/**
 * The whole tile query for a backend: `mvt` bytea on the server, rows with `geojson` on the embedded database.
 * `provinces`: the caller's (services/area.ts, scopeProvinces), named by the layers over fact tables so that a
 * one-province caller's tile runs on that province's shards of a Citus cluster.
 */
export function tileQuery(
  kind: Db['kind'],
  layer: TileLayer,
  at: TileAddress,
  filters?: IncidentFilters,
  provinces: readonly string[] | null = null,
): TileQuery {
  if (layer.args && !filters) throw new TypeError(`layer ${layer.id} needs its filters`)
  const rows = tileRowsSql(kind, layer, at.z)
  const args = [at.z, at.x, at.y, provinces, ...(layer.args && filters ? layer.args(filters, at.z) : [])]
  const sql =
    kind === 'postgres'
      ? // the rows materialised first: on a Citus cluster they come from the workers as a result of their own,
        // and the coordinator encodes them (a row of the distributed query as a whole, anonymous record, it
        // cannot pass on to ST_AsMVT)
        `with r as materialized (${rows.sql})
         select ST_AsMVT(r, '${layer.id}', ${EXTENT}, 'geom') as mvt from r where r.geom is not null`
      : `select ${[...rows.fields.map((n) => `r."${n}"`), 'ST_AsGeoJSON(r.geom, 0, 0) as geojson'].join(', ')}
         from (${rows.sql}) as r where r.geom is not null`
  return { sql, args, fields: rows.fields }
}
