// The provinces merged in 2025 (kept for history) and their union. The present province's outline is the union
// of its communes (provinces-2025.ts); the union here is kept so that the layer's file stays as published.
import {
  type DvhcvnGis,
  featureCollection,
  parseJson,
  type Recipe,
  toFeatures,
  VALID_POLYGON,
} from './context.ts'

export const provinceOutlines: Recipe = async ({ area, merged, db, raw }) => {
  const merger = merged()
  const olds = merger.old_provinces.map((code) => parseJson<DvhcvnGis>(raw(`gis_${code}`)))
  const [row] = await db.query<{ parts: string[]; whole: string }>(
    `with p as (
       select ord, ${VALID_POLYGON(`ST_GeomFromGeoJSON(g::text)`)} as geom
       from json_array_elements($1::json) with ordinality as t(g, ord)
     )
     select array_agg(ST_AsGeoJSON(geom, 6) order by ord) as parts,
            ST_AsGeoJSON(${VALID_POLYGON('ST_Union(geom)')}, 6) as whole
     from p`,
    [JSON.stringify(olds.map((p) => ({ type: p.type, coordinates: p.coordinates })))],
  )
  return featureCollection(
    toFeatures([
      ...olds.map((p, i) => ({
        geom: row.parts[i],
        properties: { ma_tinh: p.level1_id, ten: `${p.name.normalize('NFC')} (trước ${area.since})` },
      })),
      {
        geom: row.whole,
        properties: {
          ma_tinh: merger.code,
          ten: `${merger.name} (từ ${area.since})`,
          note: `union of the provinces ${merger.old_provinces.join(', ')}`,
        },
      },
    ]),
    `dvhcvn data/gis/{${merger.old_provinces.join(',')}}.json`,
  )
}
