// What every recipe receives, and the GeoJSON it writes.
import type { Queryable } from '../../db/index.ts'
import type { AreaConfig, MergedProvince } from '../manifest.ts'

export interface RecipeContext {
  area: AreaConfig
  /** the merged province a history layer belongs to (its `province`), with its code */
  merged(): MergedProvince & { code: string }
  /** PostGIS does the unions and repairs, the same on the embedded database and the server */
  db: Queryable
  /** the ids of the layer's raw files (its `from`) */
  ids: string[]
  /** a raw file named in the layer's `from`, already hash-checked */
  raw(id: string): Buffer
  /** a layer derived earlier in the manifest's order */
  layer(id: string): Buffer
}

/** Derives one layer's file (GeoJSON or CSV text) from its raw files. Deterministic: same input, same bytes. */
export type Recipe = (ctx: RecipeContext) => Promise<string>

export const parseJson = <T>(buf: Buffer): T => JSON.parse(buf.toString('utf8')) as T

/** A GeoJSON geometry expression → a valid MultiPolygon, SRID 4326. */
export const VALID_POLYGON = (expr: string) =>
  `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(${expr}, 4326)), 3))`

export interface Feature {
  type: 'Feature'
  properties: Record<string, unknown>
  geometry: unknown
}

export function featureCollection(features: Feature[], source: string): string {
  return `${JSON.stringify({ type: 'FeatureCollection', metadata: { source, crs: 'EPSG:4326' }, features })}\n`
}

/** Rows of [properties, geometry as GeoJSON text] → features. */
export const toFeatures = (rows: { properties: Record<string, unknown>; geom: string }[]): Feature[] =>
  rows.map((r) => ({ type: 'Feature', properties: r.properties, geometry: JSON.parse(r.geom) }))

/** dvhcvn's per-province file: the province and its districts, each with a GeoJSON geometry. */
export interface DvhcvnGis {
  level1_id: string
  name: string
  type: string
  coordinates: unknown
  level2s: { level2_id: string; name: string; type: string; coordinates: unknown }[]
}

/** vietnam-3d-map's per-province file of 2025 communes; each ring is a polygon of its own (unioned here). */
export interface WardFile {
  provinceId: string
  provinceName: string
  wards: {
    id: string
    name: string
    type: string
    area: number
    population: number
    density: number
    center: [number, number]
    polygons: [number, number][][]
  }[]
}

/**
 * Rings smaller than this (square degrees, about 100 m² here) are slivers along a coast or an islet of a few
 * rocks; some are so thin that repairing them aborts the embedded database's geometry engine, which then
 * returns no rows at all (Hạ Long has two). A commune keeps them only when it has nothing larger.
 */
const SLIVER_DEG2 = 1e-8

/** Twice the signed area of a ring, by the surveyor's formula. */
const ringArea2 = (r: [number, number][]) =>
  r.reduce((sum, [x, y], i) => {
    const [nx, ny] = r[(i + 1) % r.length]
    return sum + x * ny - nx * y
  }, 0)

/** Every ring of a ward file as a closed GeoJSON Polygon, with its commune code; slivers left out. */
export function wardRings(file: WardFile): { code: string; ring: unknown }[] {
  return file.wards.flatMap((w) => {
    const large = w.polygons.filter((r) => Math.abs(ringArea2(r)) / 2 >= SLIVER_DEG2)
    return (large.length ? large : w.polygons).map((r) => {
      const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]]
      return { code: w.id, ring: { type: 'Polygon', coordinates: [closed] } }
    })
  })
}

/** The union of the rings per commune, made valid: `select code, geom from (${WARD_UNION}) w`, rings in $1. */
export const WARD_UNION = `select r->>'code' as code,
       ${VALID_POLYGON(`ST_Union(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r->>'ring'), 4326)))`)} as geom
  from json_array_elements($1::json) r group by r->>'code'`

/** The national communes layer cut down to one province's features (GeoJSON text), for recipes of that province. */
export function provinceCommunes(national: Buffer, province: string): string {
  const doc = parseJson<{ features: { properties: { ma_tinh: string } }[] }>(national)
  return JSON.stringify({ ...doc, features: doc.features.filter((f) => f.properties.ma_tinh === province) })
}
