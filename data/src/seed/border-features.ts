import type { Queryable } from '../db/index.ts'

/**
 * Border gates, openings, markers and border-guard posts. Gates are named after the real ones and
 * snapped to the border line from approximate positions (those of the list within GATE_REACH_M of the
 * area's line); an area none of them is near gets two gates named as demo placements. Openings, markers and
 * posts are demo placements along the line. Their positions are illustrative, not surveyed.
 */
const GATES: [kind: string, name: string, lon: number, lat: number][] = [
  ['gate_international', 'Cửa khẩu quốc tế đường bộ Lào Cai', 103.9655, 22.504],
  ['gate_international', 'Cửa khẩu quốc tế Kim Thành', 103.947, 22.5165],
  ['gate_main', 'Cửa khẩu Mường Khương', 104.12, 22.78],
  ['gate_main', 'Cửa khẩu Bát Xát', 103.82, 22.585],
  ['gate_secondary', 'Cửa khẩu phụ Bản Vược', 103.79, 22.61],
  ['gate_secondary', 'Cửa khẩu phụ Pha Long', 104.22, 22.86],
]

/** How far from the area's border line a gate of the list may be to belong to the area. */
const GATE_REACH_M = 10_000

export async function placeBorderFeatures(tx: Queryable): Promise<void> {
  await tx.query(
    `with line as (
       select geom from (select (ST_Dump(ST_LineMerge(ST_Union(geom)))).geom from border_line) d
       order by ST_Length(geom) desc limit 1
     ), gate as (
       select g->>0 as kind, g->>1 as name, ST_SetSRID(ST_MakePoint((g->>2)::float8, (g->>3)::float8), 4326) as p, ord
       from json_array_elements($1::json) with ordinality as t(g, ord)
     ), near_gate as (
       select gate.* from gate, line where ST_DWithin(gate.p::geography, line.geom::geography, $2)
     )
     insert into border_feature (id, kind, name, geom)
     select 'gate-' || ord, kind, name, ST_ClosestPoint(line.geom, near_gate.p) from near_gate, line
     union all
     select 'gate-demo-' || n, 'gate_main', 'Cửa khẩu số ' || n || ' (minh họa)', ST_LineInterpolatePoint(line.geom, n / 3.0)
       from line, generate_series(1, 2) n where not exists (select 1 from near_gate)
     union all
     select 'opening-' || n, 'opening', 'Lối mở số ' || n,
            ST_LineInterpolatePoint(line.geom, n / 9.0) from line, generate_series(1, 8) n
     union all
     select 'marker-' || n, 'marker', 'Mốc ' || (100 + n),
            ST_LineInterpolatePoint(line.geom, least(1, n * 3000 / ST_Length(line.geom::geography))) from line,
            generate_series(1, floor((select ST_Length(geom::geography) from line) / 3000)::int) n
     union all
     select 'post-' || n, 'post', 'Đồn Biên phòng ' || n,
            ST_SetSRID(ST_Project(ST_LineInterpolatePoint(line.geom, (n - 0.5) / 7.0)::geography, 1500,
              ST_Azimuth(ST_LineInterpolatePoint(line.geom, (n - 0.5) / 7.0),
                         (select ST_Centroid(ST_Union(geom)) from province where valid_to is null)))::geometry, 4326)
       from line, generate_series(1, 7) n`,
    [JSON.stringify(GATES), GATE_REACH_M],
  )
  await tx.query(
    `update border_feature f set commune_code = (
       select c.code from commune c order by c.geom <-> f.geom, c.code limit 1)`,
  )
}
