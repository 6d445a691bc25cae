// A coarse outline of Viet Nam's land border, one line per neighbouring country, only to tell land border from
// coast (the border itself is drawn from the commune polygons, see data/src/seed/border-line.ts). No public-domain
// country outline is in the data mirror, so it is derived from the coarse provinces: unioned on a 0.001° grid
// (about 100 m, which closes most slivers between provinces, simplified apart upstream), the exterior ring of the
// mainland cut at the points of area.border.ends; the stretch running through the tripoints is the land border.
// A gap the grid leaves open makes a short notch in the line, harmless to a test of proximity.
import { featureCollection, type Recipe, toFeatures } from './context.ts'

export const landBorder: Recipe = async ({ area, db, layer }) => {
  const { ends, countries } = area.border
  const rows = await db.query<{ i: number; geom: string }>(
    `with nation as (
       select ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), 0.001) as geom
       from json_array_elements($1::json->'features') f
     ), mainland as (
       select ST_ExteriorRing(d.geom) as ring
       from (select (ST_Dump(geom)).geom from nation) d order by ST_Area(d.geom) desc limit 1
     ), point as (
       select ord::int as ord, ST_SetSRID(ST_MakePoint((e->'lonlat'->>0)::float8, (e->'lonlat'->>1)::float8), 4326) as p
       from json_array_elements($2::json) with ordinality as t(e, ord)
     ), rotated as ( -- the ring as a line starting at the first sea end
       select ST_MakeLine(ST_LineSubstring(ring, f, 1), ST_LineSubstring(ring, 0, f)) as line
       from mainland, lateral (select ST_LineLocatePoint(ring, p) as f from point where ord = 1) x
     ), oriented as ( -- running along the land border, not the coast
       select case when (select ST_LineLocatePoint(line, p) from point where ord = 2)
                        > (select ST_LineLocatePoint(line, p) from point where ord = $3) then ST_Reverse(line) else line end as line
       from rotated
     ), cut as (
       select line, array_agg(ST_LineLocatePoint(line, p) order by ord) as f from oriented, point group by line
     )
     select i, ST_AsGeoJSON(ST_LineSubstring(line, f[i], f[i + 1]), 6) as geom
     from cut, generate_series(1, $3 - 1) i order by i`,
    [layer('provinces_2025').toString('utf8'), JSON.stringify(ends), ends.length],
  )
  return featureCollection(
    toFeatures(rows.map((r) => ({ geom: r.geom, properties: { country: countries[r.i - 1] } }))),
    'the land stretch of the outline of vietnam/provinces_2025.geojson (on a 0.001° grid)',
  )
}
