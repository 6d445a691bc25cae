import type { AppDeps } from '../context.ts'
import { fieldsAt, type TileLayer } from './layers.ts'

const ATTRIBUTION =
  'Ranh giới: gis.chinhphu.vn, gis.vn (qua daohoangson/dvhcvn, lamngockhuong/vietnam-3d-map); thôn, bản và hồ sơ an ninh: sinh tự động'
const DEMO_NOTICE = 'Dữ liệu minh họa / demo data'
/** Web Mercator's world, for a database with no province yet */
const WORLD: Extent = { bounds: [-180, -85.051129, 180, 85.051129] }

interface Extent {
  bounds: [number, number, number, number]
}

/** Bounding box of the province in force, memoised until the data changes. */
export function provinceExtent(deps: AppDeps): Promise<Extent> {
  return deps.catalog.memo('tiles:province-extent', async () => {
    const [row] = await deps.db.query<{ w: number | null; s: number; e: number; n: number }>(
      `select ST_XMin(b) as w, ST_YMin(b) as s, ST_XMax(b) as e, ST_YMax(b) as n
       from (select ST_Extent(geom) as b from province where valid_to is null) x`,
    )
    if (row?.w == null) return WORLD
    const r = (v: number) => Math.round(v * 1e6) / 1e6
    return { bounds: [r(row.w), r(row.s), r(row.e), r(row.n)] }
  })
}

/** Every field a tile of the layer can carry, with its description (which names its first zoom, if later). */
export const fieldDescriptions = (layer: TileLayer) =>
  Object.fromEntries(fieldsAt(layer, layer.maxzoom).map((f) => [f.name, f.description]))

/** TileJSON 3.0.0 (github.com/mapbox/tilejson-spec/tree/master/3.0.0) for one layer; tile URLs are same-origin paths. */
export function tileJson(layer: TileLayer, extent: Extent, opts: { query: string; demo: boolean }) {
  const [w, s, e, n] = extent.bounds
  return {
    tilejson: '3.0.0',
    name: layer.id,
    description: layer.description,
    version: '1.0.0',
    attribution: opts.demo ? `${ATTRIBUTION}. ${DEMO_NOTICE}` : ATTRIBUTION,
    scheme: 'xyz',
    tiles: [`/tiles/${layer.id}/{z}/{x}/{y}.mvt${opts.query}`],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds: extent.bounds,
    center: [
      Math.round(((w + e) / 2) * 1e6) / 1e6,
      Math.round(((s + n) / 2) * 1e6) / 1e6,
      Math.min(layer.maxzoom, Math.max(layer.minzoom, 8)),
    ],
    vector_layers: [
      {
        id: layer.id,
        description: layer.description,
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        fields: fieldDescriptions(layer),
      },
    ],
  }
}
