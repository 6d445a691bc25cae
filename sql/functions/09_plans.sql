-- Villages of the planning area as the caller sees them (row-level security applies: invoker rights), with
-- whether an existing model of the type covers them at p_to by the coverage rules of village_type_coverage()
-- (03_metrics.sql), and whether they lie in a border commune (area class 'border', as unit_metrics() marks them).
-- PL/pgSQL: a Citus cluster plans no SQL function with a parameter over its tables.
create or replace function plan_villages(p_type text, p_to date, p_communes text[] default null)
returns table (
  code text,
  name text,
  commune_code text,
  population integer,
  is_border boolean,
  already_covered boolean
) language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  with covered as (
    select distinct c.village_code from village_type_coverage(p_to) c where c.type_code = p_type
  )
  select v.code, v.name, v.commune_code, v.population,
         exists (select 1 from commune_area_class a where a.commune_code = v.commune_code and a.class_code = 'border'),
         cv.village_code is not null
  from village v
  left join covered cv on cv.village_code = v.code
  where p_communes is null or v.commune_code = any (p_communes)
  order by v.code;
end $$;

-- What a new model of the type placed at each candidate village would cover, among the villages of the
-- area: the village itself ('village' types), every village of its commune ('commune' types), or every
-- village whose point lies within p_radius_m metres of the candidate's point on the spheroid ('radius'
-- types; the same test as radius_model_villages(), 008). PL/pgSQL, as plan_villages().
create or replace function plan_candidate_coverage(p_type text, p_radius_m double precision, p_communes text[] default null)
returns table (site_code text, village_code text) language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  with area as (
    select v.code, v.commune_code, v.point from village v
    where p_communes is null or v.commune_code = any (p_communes)
  ),
  rule as (select t.coverage from model_type t where t.code = p_type)
  select s.code, s.code from area s, rule where rule.coverage = 'village'
  union all
  select s.code, v.code from area s join area v on v.commune_code = s.commune_code, rule
  where rule.coverage = 'commune'
  union all
  select s.code, v.code
  from area s
  join area v on ST_DWithin(v.point, s.point, p_radius_m / 100000.0)
             and ST_DWithin(s.point::geography, v.point::geography, p_radius_m)
  cross join rule
  where rule.coverage = 'radius'
  order by 1, 2;
end $$;
