-- Border communes, the border belt and distances to the border, computed from the border line.
--
-- tolerance_m: a commune is a border commune when its polygon comes within this distance of the
-- border line. Both geometries are simplified upstream (about 50 m for communes) and come from
-- different sources, so a commune that truly touches the border can sit a few hundred metres off
-- the line; 500 m takes those in while leaving out the next ring of communes (several km away).
-- An area without a land border (an inland or coastal province) gets no border communes, an empty belt and no
-- distances.
create or replace function compute_border_areas(tolerance_m double precision default 500,
                                                belt_depth_m double precision default 1000)
returns void language plpgsql as $$
declare
  border geography;
begin
  select ST_Union(geom)::geography into border from border_line;

  delete from border_belt;
  delete from commune_area_class where class_code = 'border' and source = 'computed';
  if border is null then
    update commune set border_distance_m = null, border_belt_share = 0;
    update village set border_distance_m = null;
    return;
  end if;

  insert into border_belt (depth_m, geom)
  select belt_depth_m,
         ST_Multi(ST_CollectionExtract(ST_MakeValid(
           ST_Intersection(ST_Buffer(border, belt_depth_m)::geometry, (select ST_Union(geom) from province
             where valid_to is null))), 3));

  update commune c set border_distance_m = ST_Distance(c.geom::geography, border);
  -- The belt cut into small pieces (they partition it, so their shares add up), each cut with the communes
  -- it meets: one overlay of a commune with a belt thousands of kilometres long is slow, and at the national
  -- size failed in the embedded database's geometry engine; the fixed-precision overlay (1e-7°, about 1 cm)
  -- is the robust one.
  update commune set border_belt_share = 0;
  update commune c set border_belt_share = least(1, s.area / nullif(ST_Area(c.geom::geography), 0))
  from (
    select c2.code, sum(ST_Area(ST_Intersection(c2.geom, p.geom, 1e-7)::geography)) as area
    from (select ST_Subdivide(geom, 128) as geom from border_belt) p
    join commune c2 on ST_Intersects(c2.geom, p.geom)
    group by c2.code
  ) s
  where s.code = c.code;

  update village v set border_distance_m = ST_Distance(v.point::geography, border);

  insert into commune_area_class (commune_code, class_code, source)
  select code, 'border', 'computed' from commune where border_distance_m <= tolerance_m
  on conflict do nothing;
end $$;

-- Border distances and classes follow a boundary import; computed with the owner's rights.
create or replace function refresh_border_areas() returns void
language plpgsql security definer set search_path = public as $$
begin
  perform compute_border_areas();
end $$;
