-- Contiguity rule ("queen with tolerance"): two polygons are neighbours when they come within
-- p_tolerance_m metres of each other, measured on the sphere. The boundaries are simplified (about
-- 50 m for communes) and village polygons are clipped Voronoi cells, so units that share a border on
-- the ground can be left with slivers or gaps of a few metres between them; any shared point, edge
-- or overlap counts as well, as in queen contiguity. Checks run from cheap to exact:
--   1. planar distance in degrees within p_tolerance_m / 90000: one degree is at least 90 km anywhere
--      in Viet Nam (102 km of longitude at 23.4° N), so this never drops a pair that is within the
--      tolerance on the ground;
--   2. the polygons intersect (most neighbours): contiguous;
--   3. otherwise, the distance on the sphere is at most p_tolerance_m.
create or replace function geom_contiguous(a geometry, b geometry, p_tolerance_m double precision default 5)
returns boolean language sql immutable parallel safe as $$
  select case
    when a is null or b is null then false
    when not ST_DWithin(a, b, p_tolerance_m / 90000.0) then false
    when ST_Intersects(a, b) then true
    else ST_DWithin(a::geography, b::geography, p_tolerance_m, false)
  end
$$;

-- Contiguous pairs (a < b) among ALL communes or villages by geom_contiguous(). Security definer: under
-- the row-level security of migration 012 the planner may not use the GiST index for the bounding-box join
-- (the && operator is not leakproof), and the village join takes tens of seconds instead of one. It
-- returns unit codes only, from boundaries that are not sensitive; unit_neighbours() keeps the pairs the
-- caller may see, and names them (p_codes) when it sees only some: a provincial user's 99 communes, not the
-- country's 3,321, which on a Citus cluster took past the request's time limit. JIT off: on the server
-- compiling costs more (about 0.8 s) than the whole join.
drop function if exists unit_contiguity_pairs(text, double precision);
create or replace function unit_contiguity_pairs(p_level text, p_tolerance_m double precision default 5,
                                                 p_codes text[] default null)
returns table (a text, b text)
language plpgsql stable security definer set search_path = public set jit = off as $$
begin
  perform check_unit_level(p_level);
  if p_tolerance_m is null or p_tolerance_m < 0 or p_tolerance_m > 1000 then
    raise exception 'tolerance % m outside 0–1000 m', p_tolerance_m using errcode = '22023';
  end if;
  return query execute format($q$
    select x.code, y.code
    from %1$I x
    join %1$I y on x.code < y.code
               and x.geom && ST_Expand(y.geom, $1 / 90000.0)
               and geom_contiguous(x.geom, y.geom, $1)
    where $2::text[] is null or (x.code = any ($2) and y.code = any ($2))
  $q$, p_level) using p_tolerance_m, p_codes;
end $$;

-- Neighbour lists of every commune or village the caller may see (row-level security applies here):
-- symmetric by construction (each pair is found once and listed both ways), never the unit itself, sorted
-- by code. Islands (units with no neighbour, including villages without a polygon) have an empty list.
-- JIT off as above: the planner cannot estimate the pairs and would compile a cheap query.
create or replace function unit_neighbours(p_level text, p_tolerance_m double precision default 5)
returns table (code text, neighbours text[], has_geometry boolean)
language plpgsql stable set jit = off as $$
begin
  perform check_unit_level(p_level);
  return query execute format($q$
    with
    units as materialized (select u.code, u.geom is not null as has_geometry from %1$I u),
    pairs as (
      select p.a, p.b
      from unit_contiguity_pairs(%1$L, $1,
             case when antt_scope_all() then null else array(select code from units) end) p
      join units ua on ua.code = p.a
      join units ub on ub.code = p.b
    ),
    both_ways as (
      select p.a as code, p.b as other from pairs p
      union all
      select p.b, p.a from pairs p
    )
    select u.code,
           coalesce(array_agg(w.other order by w.other) filter (where w.other is not null), '{}'::text[]),
           u.has_geometry
    from units u
    left join both_ways w on w.code = u.code
    group by u.code, u.has_geometry
    order by u.code
  $q$, p_level) using p_tolerance_m;
end $$;

-- Incidents per unit in period A and (optionally) period B, both inclusive, with the unit's population:
-- the counts behind the rates, their Empirical-Bayes smoothing and the comparison of two periods.
-- Filters as unit_metrics() (03_metrics.sql): categories; area classes of the commune (villages inherit their
-- commune's classes); one commune. At village level an incident without a village is not counted.
create or replace function unit_incident_counts(
  p_level text,
  p_a_from date,
  p_a_to date,
  p_b_from date default null,
  p_b_to date default null,
  p_categories text[] default null,
  p_classes text[] default null,
  p_commune text default null
) returns table (
  code text,
  name text,
  commune_code text,
  population integer,
  incidents_a integer,
  incidents_b integer
) language plpgsql stable as $$
#variable_conflict use_column
begin
  perform check_unit_level(p_level);
  return query
  with
  classes as (
    select a.commune_code, array_agg(a.class_code) as list from commune_area_class a group by a.commune_code
  ),
  units as (
    select c.code, c.name, null::text as commune_code, c.population, coalesce(cl.list, '{}') as area_classes
    from commune c left join classes cl on cl.commune_code = c.code
    where p_level = 'commune' and (p_commune is null or c.code = p_commune)
    union all
    select v.code, v.name, v.commune_code, v.population, coalesce(cl.list, '{}')
    from village v left join classes cl on cl.commune_code = v.commune_code
    where p_level = 'village' and (p_commune is null or v.commune_code = p_commune)
  ),
  counts as (
    select case when p_level = 'commune' then i.commune_code else i.village_code end as unit,
           count(*) filter (where i.occurred_on between p_a_from and p_a_to)::int as a,
           count(*) filter (where i.occurred_on between p_b_from and p_b_to)::int as b
    from incident i
    where (i.occurred_on between p_a_from and p_a_to or i.occurred_on between p_b_from and p_b_to)
      and (p_categories is null or i.category_code = any (p_categories))
    group by 1
  )
  select u.code, u.name, u.commune_code, u.population, coalesce(n.a, 0),
         case when p_b_from is null then null else coalesce(n.b, 0) end
  from units u left join counts n on n.unit = u.code
  where p_classes is null or u.area_classes && p_classes
  order by u.code;
end $$;

-- Standard-set coverage per commune or village at p_to. For each village the required types are the
-- union of the standards of its classes; it "meets the standard" when every required type covers it.
--   villages           villages with at least one required type (the standard applies)
--   villages_meeting   of those, the villages that have every required type
--   standard_coverage  villages_meeting / villages (null when no standard applies)
--   by_class           per class of the unit that has a standard: its required types, the villages of
--                      that class and those having every type that class requires
--   lacking            per required type, the applicable villages it does not cover
create or replace function standard_coverage(
  p_level text,
  p_to date,
  p_statuses text[] default array['active'],
  p_orgs text[] default null,
  p_classes text[] default null,
  p_commune text default null
) returns table (
  code text,
  area_classes text[],
  required_types text[],
  villages integer,
  villages_meeting integer,
  standard_coverage double precision,
  by_class jsonb,
  lacking jsonb
) language plpgsql stable as $$
#variable_conflict use_column
begin
  perform check_unit_level(p_level);
  return query
  with
  commune_classes as (
    select a.commune_code, array_agg(a.class_code order by a.class_code) as list
    from commune_area_class a group by a.commune_code
  ),
  vill as (
    select v.code, v.commune_code, case when p_level = 'commune' then v.commune_code else v.code end as unit
    from village v left join commune_classes cc on cc.commune_code = v.commune_code
    where (p_commune is null or v.commune_code = p_commune)
      and (p_classes is null or coalesce(cc.list, '{}') && p_classes)
  ),
  vclass as (
    select vi.code as village, vi.unit, a.class_code
    from vill vi join commune_area_class a on a.commune_code = vi.commune_code
    union
    select vi.code, vi.unit, a.class_code from vill vi join village_area_class a on a.village_code = vi.code
  ),
  have as (select * from village_type_coverage(p_to, p_statuses, p_orgs)),
  need as (
    select vc.village, vc.unit, vc.class_code, s.type_code, (h.village_code is not null) as has
    from vclass vc
    join coverage_standard s on s.class_code = vc.class_code
    left join have h on h.village_code = vc.village and h.type_code = s.type_code
  ),
  per_village as (
    select n.village, n.unit, bool_and(n.has) as meets from need n group by n.village, n.unit
  ),
  per_village_class as (
    select n.village, n.unit, n.class_code, bool_and(n.has) as meets from need n group by 1, 2, 3
  ),
  class_agg as (
    select pvc.unit, pvc.class_code, count(*)::int as villages,
           count(*) filter (where pvc.meets)::int as meeting
    from per_village_class pvc group by 1, 2
  ),
  class_json as (
    select ca.unit,
           jsonb_agg(jsonb_build_object(
             'class', ca.class_code,
             'required', (select array_agg(s.type_code order by s.type_code)
                          from coverage_standard s where s.class_code = ca.class_code),
             'villages', ca.villages,
             'villages_meeting', ca.meeting,
             'share', ca.meeting::float8 / ca.villages) order by ca.class_code) as j
    from class_agg ca group by ca.unit
  ),
  lack_json as (
    select l.unit, jsonb_object_agg(l.type_code, l.n) as j
    from (
      select n.unit, n.type_code, count(distinct n.village) filter (where not n.has)::int as n
      from need n group by 1, 2
    ) l group by l.unit
  ),
  unit_agg as (
    select pv.unit, count(*)::int as villages, count(*) filter (where pv.meets)::int as meeting
    from per_village pv group by pv.unit
  ),
  req as (
    select n.unit, array_agg(distinct n.type_code order by n.type_code) as types from need n group by n.unit
  ),
  unit_classes as (
    select vc.unit, array_agg(distinct vc.class_code order by vc.class_code) as list
    from vclass vc group by vc.unit
  ),
  units as (
    select distinct vi.unit from vill vi
    union
    select c.code from commune c left join commune_classes cc on cc.commune_code = c.code
    where p_level = 'commune' and (p_commune is null or c.code = p_commune)
      and (p_classes is null or coalesce(cc.list, '{}') && p_classes)
  )
  select u.unit, coalesce(uc.list, '{}'), coalesce(r.types, '{}'),
         coalesce(ua.villages, 0), coalesce(ua.meeting, 0),
         case when ua.villages > 0 then ua.meeting::float8 / ua.villages end,
         coalesce(cj.j, '[]'::jsonb), coalesce(lj.j, '{}'::jsonb)
  from units u
  left join unit_classes uc on uc.unit = u.unit
  left join req r on r.unit = u.unit
  left join unit_agg ua on ua.unit = u.unit
  left join class_json cj on cj.unit = u.unit
  left join lack_json lj on lj.unit = u.unit
  order by u.unit;
end $$;

-- Exemplary models (điển hình tiên tiến) founded by p_to with their status at p_to and the models
-- replicated from them (nhân rộng) founded by p_to. A commune filter keeps the exemplary models of that
-- commune and lists all their replicas, wherever they are. PL/pgSQL: a Citus cluster plans no SQL function with
-- a parameter over distributed tables.
create or replace function exemplary_replication(p_to date, p_commune text default null)
returns table (
  model_id text,
  name text,
  type_code text,
  commune_code text,
  village_code text,
  founded_on date,
  status text,
  replicas jsonb
) language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  with status_at as (
    select st.province_code, st.model_id, st.status from security_model_status st
    where st.valid_from <= p_to and (st.valid_to is null or st.valid_to > p_to)
  ),
  -- each model beside its status rows (on a Citus cluster, on their shard); the exemplary models and their
  -- replicas, which may be in other provinces, are joined after
  exemplary as materialized (
    select e.id, e.name, e.type_code, e.commune_code, e.village_code, e.founded_on, es.status
    from security_model e
    left join status_at es on es.province_code = e.province_code and es.model_id = e.id
    where e.exemplary and e.founded_on <= p_to and (p_commune is null or e.commune_code = p_commune)
  ),
  replica as materialized (
    select r.replicated_from, r.id, r.commune_code, r.village_code, r.founded_on, rs.status
    from security_model r
    left join status_at rs on rs.province_code = r.province_code and rs.model_id = r.id
    where r.replicated_from is not null and r.founded_on <= p_to
  )
  select e.id, e.name, e.type_code, e.commune_code, e.village_code, e.founded_on, e.status,
         coalesce(jsonb_agg(jsonb_build_object(
           'id', r.id, 'commune_code', r.commune_code, 'village_code', r.village_code,
           'founded_on', to_char(r.founded_on, 'YYYY-MM-DD'), 'status', r.status)
           order by r.founded_on, r.id) filter (where r.id is not null), '[]'::jsonb)
  from exemplary e
  left join replica r on r.replicated_from = e.id
  group by e.id, e.name, e.type_code, e.commune_code, e.village_code, e.founded_on, e.status
  order by e.commune_code, e.id;
end $$;

-- Replication per commune or village at p_to: exemplary models in the unit (any status but dissolved),
-- how many of them were replicated at least once, the replicas they gave rise to (anywhere), and the
-- models in the unit that replicate an exemplary model of another unit.
create or replace function unit_replication(p_level text, p_to date, p_commune text default null)
returns table (
  code text,
  exemplary_models integer,
  exemplary_replicated integer,
  replicas_made integer,
  replicas_received integer
) language plpgsql stable as $$
#variable_conflict use_column
begin
  perform check_unit_level(p_level);
  return query
  with
  status_at as (
    select st.model_id, st.status from security_model_status st
    where st.valid_from <= p_to and (st.valid_to is null or st.valid_to > p_to)
  ),
  sm as (
    select m.id, m.exemplary, m.replicated_from,
           case when p_level = 'commune' then m.commune_code else m.village_code end as unit
    from security_model m join status_at s on s.model_id = m.id
    where m.founded_on <= p_to
  ),
  ex as (
    select e.unit, e.id, count(r.id)::int as replicas
    from sm e left join sm r on r.replicated_from = e.id
    where e.exemplary and e.unit is not null
      and exists (select 1 from status_at s where s.model_id = e.id and s.status <> 'dissolved')
    group by e.unit, e.id
  ),
  made as (
    select ex.unit, count(*)::int as exemplary, count(*) filter (where ex.replicas > 0)::int as replicated,
           sum(ex.replicas)::int as replicas
    from ex group by ex.unit
  ),
  received as (
    select r.unit, count(*)::int as n
    from sm r join sm e on e.id = r.replicated_from
    where r.unit is not null and e.unit is distinct from r.unit
    group by r.unit
  ),
  units as (
    select c.code from commune c where p_level = 'commune' and (p_commune is null or c.code = p_commune)
    union all
    select v.code from village v where p_level = 'village' and (p_commune is null or v.commune_code = p_commune)
  )
  select u.code, coalesce(m.exemplary, 0), coalesce(m.replicated, 0), coalesce(m.replicas, 0), coalesce(rc.n, 0)
  from units u left join made m on m.unit = u.code left join received rc on rc.unit = u.code
  order by u.code;
end $$;
