// The provinces since 2025-07-01, each the union of its communes simplified to about 100 m: drawn as context
// around the area, and the country's outline (land-border.ts) comes from here. The area's own outline is the
// exact union of its communes, made by the seed. Simplifying first makes the 34 unions take seconds, not a minute;
// the union is snapped to 1e-5° (1 m): without a grid, GEOS fails on the slivers of some provinces, and the
// embedded database then returned no row at all instead of an error.
import { featureCollection, parseJson, type Recipe, toFeatures, VALID_POLYGON } from './context.ts'

interface CommuneFeature {
  properties: { ma_tinh: string; ten_tinh: string }
}

export const provinces2025: Recipe = async ({ db, layer }) => {
  const communes = parseJson<{ features: CommuneFeature[] }>(layer('communes_2025')).features
  const byProvince = new Map<string, CommuneFeature[]>()
  for (const f of communes)
    byProvince.set(f.properties.ma_tinh, [...(byProvince.get(f.properties.ma_tinh) ?? []), f])
  const rows: { properties: Record<string, unknown>; geom: string }[] = []
  for (const code of [...byProvince.keys()].sort()) {
    const features = byProvince.get(code) ?? []
    const [row] = await db.query<{ geom: string | null }>(
      `select ST_AsGeoJSON(${VALID_POLYGON(`ST_Union(${VALID_POLYGON(`ST_SimplifyPreserveTopology(ST_GeomFromGeoJSON(f->>'geometry'), 0.001)`)}, 1e-5)`)}, 6) as geom
       from json_array_elements($1::json) f`,
      [JSON.stringify(features)],
    )
    if (!row?.geom) throw new Error(`the communes of province ${code} gave no outline`)
    rows.push({ geom: row.geom, properties: { ma_tinh: code, ten_tinh: features[0].properties.ten_tinh } })
  }
  return featureCollection(
    toFeatures(rows),
    'union of the communes of vietnam/communes_2025.geojson by province, simplified to 0.001°',
  )
}
