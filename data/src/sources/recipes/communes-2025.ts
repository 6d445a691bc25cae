// The communes and wards of Viet Nam since 2025-07-01, from vietnam-3d-map's ward files (one per province): the
// rings of each commune unioned and made valid, the attributes renamed to the project's. The seed takes the
// area's provinces from it; the whole file is what the national outline and the neighbours are drawn from.
import {
  featureCollection,
  parseJson,
  type Recipe,
  toFeatures,
  WARD_UNION,
  type WardFile,
  wardRings,
} from './context.ts'

export const communes2025: Recipe = async ({ db, raw, ids }) => {
  const files = ids.map((id) => parseJson<WardFile>(raw(id)))
  const rows = await db.query<{ code: string; geom: string }>(
    `select code, ST_AsGeoJSON(geom, 6) as geom from (${WARD_UNION}) w order by code`,
    [JSON.stringify(files.flatMap(wardRings))],
  )
  const byCode = new Map(
    files.flatMap((f) =>
      f.wards.map((w) => [w.id, { ...w, province: f.provinceId, provinceName: f.provinceName }]),
    ),
  )
  return featureCollection(
    toFeatures(
      rows.map((r) => {
        const w = byCode.get(r.code)!
        return {
          geom: r.geom,
          properties: {
            ma_xa: w.id,
            ten: w.name.normalize('NFC'),
            loai: w.type,
            ma_tinh: w.province,
            ten_tinh: w.provinceName.normalize('NFC'),
            dien_tich_km2: w.area,
            dan_so: w.population,
            trung_tam: w.center,
          },
        }
      }),
    ),
    'vietnam-3d-map public/wards/*.json',
  )
}
