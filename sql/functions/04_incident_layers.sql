-- Edge length in EPSG:3857 units of a hexagon whose edge is p_ground_m metres on the ground.
-- Web Mercator stretches distances by 1/cos(latitude): about 1.073 at 21.3°N and 1.085 at 22.8°N, the
-- province's south and north edges. The cell size is corrected at the latitude of the centre of the
-- province's extent (about 22.1°N, factor 1.079), so cells are within ±0.6 % of the requested size
-- everywhere in the province.
create or replace function hex_size_3857(p_ground_m double precision)
returns double precision language sql stable as $$
  select p_ground_m / cos(radians((ST_YMin(e) + ST_YMax(e)) / 2))
  from (select ST_Extent(geom)::box2d as e from province where valid_to is null) x
$$;

-- Incidents of a period and categories counted on a hexagon grid in EPSG:3857 (ST_HexagonGrid/ST_Hexagon with
-- the default origin, so a given size always gives the same cells). p_ground_m is the edge length
-- (centre-to-vertex distance) in ground metres; a cell's area is 3√3/2 · p_ground_m². Only cells with at least
-- one incident are returned; a point on a shared edge belongs to the cell with the smallest (i, j).
--
-- Cells with fewer than p_min_count incidents come back with incidents = null and suppressed = true, so small
-- counts never leave the database. The function reads incident locations, which the antt_reader role may not
-- (migration 012), so it runs with its owner's rights (security definer) and applies the caller's commune scope
-- itself, with the same test as the row-level security policy on incident.
create or replace function incident_hex_counts(p_from date, p_to date, p_categories text[],
                                               p_ground_m double precision, p_min_count integer default 1)
returns table (cell_i integer, cell_j integer, incidents integer, suppressed boolean, geom geometry)
language plpgsql stable security definer set search_path = public as $$
#variable_conflict use_column
declare
  size double precision := hex_size_3857(p_ground_m);
  -- the caller's provinces (07_access.sql): a one-province caller's cells from that province's shard of a cluster
  provinces text[] := antt_scope_provinces();
begin
  return query
  with cells as (
    select h.i, h.j
    from incident i
    cross join lateral (
      select g.i, g.j
      from ST_HexagonGrid(size, ST_Transform(i.point, 3857)) g
      where ST_Intersects(g.geom, ST_Transform(i.point, 3857))
      order by g.i, g.j
      limit 1
    ) h
    where i.occurred_on between p_from and p_to
      and (p_categories is null or i.category_code = any (p_categories))
      and antt_in_scope(i.commune_code)
      and (provinces is null or i.province_code = any (provinces))
  ),
  counted as (select c.i, c.j, count(*)::int as n from cells c group by c.i, c.j)
  select c.i, c.j, case when c.n < p_min_count then null else c.n end, c.n < p_min_count,
         ST_SetSRID(ST_Hexagon(size, c.i, c.j), 3857)
  from counted c;
end $$;
