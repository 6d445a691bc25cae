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
 * them from the coast — and named after its country (near a tripoint, the first in alphabetical order). One
 * row per country; none for an area without a land border.
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
     ), zone as (
       -- within config.near_land_m of the coarse land border, one zone per country; within that distance of a
       -- tripoint the zones overlap and the country first in alphabetical order keeps the overlap, so that no
       -- stretch is counted twice
       select f->'properties'->>'country' as country,
              ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), ${METRIC_SRID}), $5) as geom
       from json_array_elements($2::json) f
     ), land as (
       select z.country, coalesce(ST_Difference(z.geom, (select ST_Union(o.geom) from zone o where o.country < z.country)), z.geom) as geom
       from zone z
     ), named as (
       -- one intersection per country for the whole outline (seconds for the country, where naming it segment
       -- by segment took minutes): across the whole country the outline is one ring that runs along all three
       -- countries and the coast, and each stretch of it falls in its country's zone or in none (the coast)
       select land.country, (ST_Dump(ST_CollectionExtract(ST_Intersection(outline.geom, land.geom), 2))).geom
       from (select ST_Collect(geom) as geom from piece) outline, land
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
