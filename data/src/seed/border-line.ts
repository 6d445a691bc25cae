import type { Queryable } from '../db/index.ts'
import type { BorderConfig } from '../sources/manifest.ts'
import type { GeoFeature } from './features.ts'

/** UTM zone 48N: metres across the country, as in the land_border recipe. */
const METRIC_SRID = 32648

/**
 * The national land border along the area, from the commune polygons themselves: the stretches of the area's
 * outline that no commune of another Vietnamese province shares (within config.tolerance_m, since the ward files
 * are simplified per province and disagree by up to a few hundred metres), less bits shorter than
 * config.min_piece_m, kept where they lie within config.near_land_m of the coarse land border — which tells
 * them from the coast — and named after the country of the nearest stretch of it. One row per country;
 * none for an area without a land border.
 */
export async function loadBorderLine(
  tx: Queryable,
  input: { others: GeoFeature[]; landBorder: GeoFeature[]; config: BorderConfig; national: boolean },
): Promise<void> {
  const { config } = input
  await tx.query(
    `with outline as (
       select ST_Transform(ST_Union(geom), ${METRIC_SRID}) as geom from province where valid_to is null
     ), shell as (
       select ST_Collect(ST_ExteriorRing(d.geom)) as geom from (select (ST_Dump(geom)).geom from outline) d
     ), other as (
       select ST_Union(ST_Buffer(ST_Transform(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)), ${METRIC_SRID}), $3)) as geom
       from json_array_elements($1::json) f
     ), piece as (
       select (ST_Dump(ST_LineMerge(ST_Difference(shell.geom, coalesce(other.geom, ST_SetSRID('POLYGON EMPTY'::geometry, ${METRIC_SRID})))))).geom
       from shell, other
     ), land as (
       select f->'properties'->>'country' as country,
              ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), ${METRIC_SRID}) as geom
       from json_array_elements($2::json) f
     ), seg as (
       -- segment by segment, so that one stretch of outline running along two countries and the coast (across
       -- the whole country it is one ring, which no other province's communes break up) is told apart
       select (ST_DumpSegments(piece.geom)).geom from piece
     ), named as (
       select (select land.country from land where ST_DWithin(land.geom, seg.geom, $5)
               order by ST_Distance(land.geom, seg.geom) limit 1) as country, seg.geom
       from seg
     ), kept as (
       select country, geom from (
         select country, (ST_Dump(ST_LineMerge(ST_Collect(geom)))).geom
         from named where country is not null group by country
       ) d where ST_Length(geom) >= $4
     )
     insert into border_line (name, source, geom)
     select 'Biên giới Việt Nam – ' || country || case when $6 then '' else
              ' (đoạn ' || (select string_agg(lower(left(name, 1)) || substr(name, 2), ', ' order by code) from province where valid_to is null) || ')' end,
            'communes_2025',
            ST_Multi(ST_Transform(ST_LineMerge(ST_Collect(geom)), 4326))
     from kept where country is not null group by country order by country`,
    [
      JSON.stringify(input.others),
      JSON.stringify(input.landBorder),
      config.tolerance_m,
      config.min_piece_m,
      config.near_land_m,
      input.national,
    ],
  )
}
