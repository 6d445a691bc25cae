// The districts of the first old province (abolished on 2025-07-01), for records that still name them.
import {
  type DvhcvnGis,
  featureCollection,
  parseJson,
  type Recipe,
  toFeatures,
  VALID_POLYGON,
} from './context.ts'

export const districts: Recipe = async ({ merged, db, raw }) => {
  const code = merged().old_provinces[0]
  const p = parseJson<DvhcvnGis>(raw(`gis_${code}`))
  const rows = await db.query<{ geom: string }>(
    `select ST_AsGeoJSON(${VALID_POLYGON(`ST_GeomFromGeoJSON(g::text)`)}, 6) as geom
     from json_array_elements($1::json) with ordinality as t(g, ord) order by ord`,
    [JSON.stringify(p.level2s.map((d) => ({ type: d.type, coordinates: d.coordinates })))],
  )
  return featureCollection(
    toFeatures(
      p.level2s.map((d, i) => ({
        geom: rows[i].geom,
        properties: {
          ma_huyen: d.level2_id,
          ten: d.name.normalize('NFC'),
          ma_tinh: p.level1_id,
          ten_tinh: p.name.normalize('NFC'),
        },
      })),
    ),
    `dvhcvn data/gis/${code}.json`,
  )
}
