import type { Db } from '@antt/data/db'
import type { IncidentFilters, TileLayer } from './layers.ts'
import { encodeTile, type TileFeature, type TileGeometry } from './mvt-encode.ts'
import { EXTENT, type TileAddress, tileQuery } from './tile-sql.ts'

/** Renders one layer's tile; an empty tile is zero bytes on both backends. */
export async function renderTile(
  db: Pick<Db, 'kind' | 'query'>,
  layer: TileLayer,
  at: TileAddress,
  filters?: IncidentFilters,
  provinces: readonly string[] | null = null,
): Promise<Uint8Array> {
  const q = tileQuery(db.kind, layer, at, filters, provinces)
  if (db.kind === 'postgres') {
    const [row] = await db.query<{ mvt: Uint8Array | null }>(q.sql, q.args)
    return row?.mvt ? new Uint8Array(row.mvt) : new Uint8Array(0)
  }
  const rows = await db.query<Record<string, unknown> & { geojson: string }>(q.sql, q.args)
  const features: TileFeature[] = rows.map((row) => {
    const properties: TileFeature['properties'] = {}
    for (const name of q.fields) properties[name] = row[name] as TileFeature['properties'][string]
    return { properties, geometry: JSON.parse(row.geojson) as TileGeometry }
  })
  return encodeTile([{ name: layer.id, extent: EXTENT, features }])
}
