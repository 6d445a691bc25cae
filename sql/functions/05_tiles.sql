-- Geometry in EPSG:3857 → clipped to the tile plus `buffer` units, in tile coordinates 0..extent with y
-- pointing down, snapped to whole units, valid, exterior rings with a positive area by the surveyor's
-- formula in tile coordinates (clockwise on screen; Mapbox Vector Tile spec 2.1 §4.3.4.4). NULL when
-- nothing is left. Arguments as ST_AsMVTGeom(geom, bounds, extent, buffer, clip_geom => true).
create or replace function tile_geom(g geometry, bounds box2d, extent integer default 4096, buffer integer default 256)
returns geometry language plpgsql immutable parallel safe as $$
declare
  kind integer := ST_Dimension(g) + 1; -- ST_CollectionExtract type: 1 point, 2 line, 3 polygon
  sx double precision := (ST_XMax(bounds) - ST_XMin(bounds)) / extent;
  sy double precision := (ST_YMax(bounds) - ST_YMin(bounds)) / extent;
  t geometry;
begin
  if g is null or ST_IsEmpty(g) then
    return null;
  end if;
  t := ST_ClipByBox2D(g, ST_Expand(bounds, buffer * sx, buffer * sy));
  if ST_IsEmpty(t) then
    return null;
  end if;
  -- x' = (x - xmin) / sx, y' = (ymax - y) / sy; the flip turns rings over, so orientation comes after it
  t := ST_SnapToGrid(ST_SetSRID(ST_Affine(t, 1 / sx, 0, 0, -1 / sy, -ST_XMin(bounds) / sx, ST_YMax(bounds) / sy), 0), 1);
  if kind > 1 then
    t := ST_CollectionExtract(ST_MakeValid(t), kind);
  end if;
  if kind = 3 then
    t := ST_ForcePolygonCCW(t); -- counter-clockwise in y-up terms = positive area = clockwise on screen
  end if;
  if ST_IsEmpty(t) then
    return null;
  end if;
  return t;
end $$;

-- Incidents of a period and categories counted on the EPSG:3857 hexagon grid of edge `size` (ST_HexagonGrid's
-- default origin, so cells line up across tiles), for the cells that meet `area` (EPSG:3857). Each incident
-- counts in the one cell that contains it (on a shared edge: the lowest i, j). Cells with fewer than
-- min_count incidents are left out, so no cell points at one or two cases.
--
-- Counting needs incident.point, which the antt_reader role may not read (migration 012), while suppressed
-- counts are what every role may see: so the function runs as its owner and applies the caller's commune
-- scope itself, exactly where row-level security would (callers under SET ROLE that are neither superuser,
-- BYPASSRLS nor the table's owner).
create or replace function tile_incident_hex(area geometry, size double precision, p_from date, p_to date,
                                             p_categories text[], min_count integer default 3)
returns table (incidents integer, geom geometry)
language plpgsql stable security definer set search_path = public as $$
#variable_conflict use_column
declare
  invoker name := coalesce(nullif(current_setting('role'), 'none'), session_user);
  unscoped boolean := exists (select 1 from pg_roles r where r.rolname = invoker and (r.rolsuper or r.rolbypassrls))
                      or invoker = (select pg_get_userbyid(c.relowner) from pg_class c where c.oid = 'incident'::regclass);
  -- the caller's provinces (07_access.sql), null for the whole area: a one-province caller's cells come from
  -- that province's shard of a Citus cluster; the commune scope below still decides which incidents count
  provinces text[] := antt_scope_provinces();
begin
  return query
  select count(*)::int, ST_SetSRID(ST_Hexagon(size, h.i, h.j), 3857)
  from incident t
  cross join lateral (
    select c.i, c.j from ST_HexagonGrid(size, ST_Transform(t.point, 3857)) c
    where ST_Intersects(c.geom, ST_Transform(t.point, 3857))
    order by c.i, c.j
    limit 1
  ) h
  -- two edges beyond the area: every incident of a cell that meets the area
  where t.point && ST_Transform(ST_Expand(area, 2 * size), 4326)
    and t.occurred_on between p_from and p_to
    and (p_categories is null or t.category_code = any (p_categories))
    and (unscoped or antt_in_scope(t.commune_code)) -- migration 012
    and (provinces is null or t.province_code = any (provinces))
  group by h.i, h.j
  having count(*) >= min_count
  order by h.i, h.j;
end $$;

-- Generalised outlines for the low-zoom commune and province tiles (unit_tile_geom, migration 025): the
-- outline in EPSG:3857 simplified with the tolerance the tile query uses at zoom z (one tile unit, the tile
-- envelope's width / 4096), for z 0–8. Rebuilt for the given codes (all of the level when null), from
-- p_relation into the copy of unit_tile_geom beside it: on a Citus cluster both are reference tables, and the
-- trigger on each node's copy of the units (commune_102008) rebuilds that node's copy of the outlines, with
-- no distributed query from the node (colocated_relation(), 00_triggers.sql); elsewhere the tables themselves.
drop function if exists refresh_unit_tile_geom(text, text[]);
create or replace function refresh_unit_tile_geom(p_level text, p_codes text[], p_relation text default null)
returns void
language plpgsql security definer set search_path = public as $$
declare
  units text := coalesce(p_relation, case when p_level = 'commune' then 'commune' else 'province' end);
  outlines text := colocated_relation(units, 'unit_tile_geom');
begin
  execute format('delete from %s g where g.level = $1 and ($2 is null or g.code = any ($2))', outlines)
  using p_level, p_codes;
  execute format($q$
    insert into %2$s (level, code, z, geom)
    select $1, t.code, z.z, ST_SimplifyPreserveTopology(ST_Transform(t.geom, 3857), z.u)
    from %1$s t
    cross join (select z, (ST_XMax(e) - ST_XMin(e)) / 4096 as u
                from generate_series(0, 8) z, ST_TileEnvelope(z, 0, 0) e) z
    where t.valid_to is null and t.geom is not null and ($2 is null or t.code = any ($2))
  $q$, units, outlines) using p_level, p_codes;
end $$;

create or replace function unit_tile_geom_upkeep() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  level text := logical_table_name(TG_TABLE_NAME);
  codes text[];
begin
  if TG_OP = 'TRUNCATE' then
    perform refresh_unit_tile_geom(level, null, TG_TABLE_NAME);
    return null;
  end if;
  -- of an update, only outlines that changed, or came into or out of force (a population figure leaves them alone)
  execute written_keys_query(TG_OP, 'code',
    'ST_AsEWKB(n.geom) is distinct from ST_AsEWKB(o.geom) or n.valid_to is distinct from o.valid_to') into codes;
  if codes is not null then
    perform refresh_unit_tile_geom(level, codes, TG_TABLE_NAME);
  end if;
  return null;
end $$;

do $$
declare t text;
begin
  foreach t in array array['commune', 'province'] loop
    perform create_upkeep_triggers(t, t || '_tile_geom', 'unit_tile_geom_upkeep', 'unit_tile_geom_upkeep');
    -- outlines loaded before these triggers existed
    if not exists (select 1 from unit_tile_geom g where g.level = t) then
      perform refresh_unit_tile_geom(t, null);
    end if;
  end loop;
end $$;
