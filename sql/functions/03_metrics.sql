-- The (village, type) pairs covered at p_to by a model of the selected statuses and lead organisations: by
-- the model's village, its whole commune, or a radius (cameras). PL/pgSQL: a Citus cluster plans no SQL function
-- with a parameter over distributed tables.
create or replace function village_type_coverage(
  p_to date,
  p_statuses text[] default array['active'],
  p_orgs text[] default null
) returns table (village_code text, type_code text) language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  with act as (
    select s.id, s.commune_code, s.village_code, s.type_code, t.coverage
    from security_model_state(p_to) s
    join model_type t on t.code = s.type_code
    where s.status = any (p_statuses)
      and (p_orgs is null or s.lead_org_code = any (p_orgs))
  )
  select a.village_code, a.type_code from act a where a.coverage = 'village' and a.village_code is not null
  union
  select v.code, a.type_code
  from act a join village v on v.commune_code = a.commune_code
  where a.coverage = 'commune'
  union
  select v.code, a.type_code
  from act a
  join radius_model_villages() r on r.model_id = a.id
  join village v on v.code = r.village_code
  where a.coverage = 'radius';
end $$;

-- A level with units of its own, commune or village; any other is a bad parameter (SQLSTATE 22023).
create or replace function check_unit_level(p_level text) returns void
language plpgsql immutable as $$
begin
  if p_level not in ('commune', 'village') then
    raise exception 'unknown level %', p_level using errcode = '22023';
  end if;
end $$;

-- Coverage and incident metrics per commune or per village for a period and filters.
--
-- Definitions (all "at p_to" means at the end of the period):
--   active_models        models of the selected types and lead organisations whose status at p_to is in
--                        p_statuses (default: active)
--   village_coverage     share of villages covered by at least one such model: a village model covers its
--                        village, a commune-wide model every village of its commune, a radius model (cameras)
--                        the villages whose point lies within its radius
--   evaluation_compliance share of active models whose last evaluation is at most p_eval_months old at p_to;
--                        a model founded less than p_eval_months before p_to is not yet due and counts as compliant
--   effective_share      share of rated active models whose last rating is effective (tốt or khá)
--   dissolved_models     models dissolved within the period; weak_models: status weak at p_to
--   incidents            incidents of the selected categories within the period (inclusive)
--   incident_rate_per_1000 incidents per 1,000 residents over the period (the API annualises it: api/src/services/period.ts)
--   outreach_per_1000    outreach sessions within the period per 1,000 residents
--   funding_per_resident VND allocated in the calendar years the period touches, per resident

create or replace function unit_metrics(
  p_level text,
  p_from date,
  p_to date,
  p_types text[] default null,
  p_statuses text[] default array['active'],
  p_orgs text[] default null,
  p_categories text[] default null,
  p_classes text[] default null,
  p_commune text default null,
  p_eval_months integer default 6
) returns table (
  code text,
  name text,
  commune_code text,
  population integer,
  area_km2 double precision,
  villages integer,
  villages_covered integer,
  active_models integer,
  weak_models integer,
  dissolved_models integer,
  exemplary_models integer,
  models_per_1000 double precision,
  village_coverage double precision,
  population_covered integer,
  compliant_models integer,
  evaluation_compliance double precision,
  rated_models integer,
  effective_models integer,
  effective_share double precision,
  incidents integer,
  incident_rate_per_1000 double precision,
  incidents_per_km2 double precision,
  outreach_sessions integer,
  outreach_per_1000 double precision,
  funding_vnd bigint,
  funding_per_resident double precision,
  distance_to_border_km double precision,
  border_belt_share double precision,
  is_border boolean,
  area_classes text[]
) language plpgsql stable as $$
#variable_conflict use_column
declare
  -- the whole calendar months of the period, [full_from, full_to); none for a village query
  full_from date := case when p_level = 'village' then p_to + 1
                         when p_from = date_trunc('month', p_from) then p_from
                         else (date_trunc('month', p_from) + interval '1 month')::date end;
  full_to date := case when p_level = 'village' then p_to + 1
                       else date_trunc('month', p_to + 1)::date end;
  -- the dashboard's default question for communes (every type and lead organisation, active models,
  -- evaluations due every 6 months): the model and coverage figures are read from the communes' step
  -- functions (commune_state_day, migration 029), one look-up a commune, instead of from every model and village
  stepwise boolean := p_level = 'commune' and p_types is null and p_orgs is null
                      and p_statuses = array['active']::text[] and p_eval_months = 6;
  -- the caller's provinces (07_access.sql), named in every read of the fact tables of the default question:
  -- one shard's work for a one-province scope on a Citus cluster; null for the whole area. Not for the others:
  -- routed whole to one worker, their call of radius_model_villages() would start a distributed query from
  -- that worker, which Citus refuses ("the backend has already been assigned a transaction id")
  provinces text[] := case when stepwise then antt_scope_provinces() end;
begin
  perform check_unit_level(p_level);
  if full_to < full_from then
    full_to := full_from;
  end if;
  return query
  with
  -- every model founded by p_to with its state at p_to: the span of model_state_history (migration 024) that
  -- holds p_to carries the state security_model_state() (02_model_state.sql) gives, overdue by the same rule
  m as (
    select s.model_id as id, s.commune_code, s.village_code, s.exemplary, s.statuses[w.k] as status_at_end,
           t.coverage, r.effective,
           coalesce(case when s.statuses[w.k] = 'dissolved' then null
                         else s.founded_on > p_to - make_interval(months => p_eval_months)
                              or coalesce(s.evaluated[w.k] > p_to - make_interval(months => p_eval_months), false)
                    end, false) as compliant
    from model_state_history s
    cross join lateral (select width_bucket(p_to, s.starts) as k) w
    join model_type t on t.code = s.type_code
    left join rating r on r.code = s.ratings[w.k]
    where not stepwise and s.founded_on <= p_to and w.k > 0
      and (provinces is null or s.province_code = any (provinces))
      and (p_types is null or s.type_code = any (p_types))
      and (p_orgs is null or s.lead_org_code = any (p_orgs))
  ),
  act as (select m.* from m where m.status_at_end = any (p_statuses)),
  -- the coverage rules of village_type_coverage() (above): a village is covered by an active model of its
  -- own, a commune-wide one of its commune, or a radius model within reach
  covering_communes as (select distinct a.commune_code from act a where a.coverage = 'commune'),
  covered as (
    select a.village_code as code from act a where a.coverage = 'village' and a.village_code is not null
    union
    select r.village_code from act a join radius_model_villages() r on r.model_id = a.id
    where a.coverage = 'radius'
  ),
  vill as materialized (
    select v.code, v.commune_code, v.population,
           (v.commune_code in (select cc.commune_code from covering_communes cc)
            or v.code in (select cv.code from covered cv)) as is_covered
    from village v
    where not stepwise and (p_commune is null or v.commune_code = p_commune)
  ),
  -- stepwise: each commune's last step on or before p_to, found from the commune's first row (migration 031),
  -- which keeps the look-up within one shard on a Citus cluster
  steps as materialized (
    select f.commune_code as unit, d.*
    from commune_state_day f
    cross join lateral (
      select d.villages, d.active_models, d.weak_models, d.exemplary_models, d.compliant_models, d.rated_models,
             d.effective_models, d.villages_covered, d.population_covered
      from commune_state_day d
      where d.province_code = f.province_code and d.commune_code = f.commune_code and d.day <= p_to
        -- named here too: a cluster does not carry the outer query's provinces into the lateral one
        and (provinces is null or d.province_code = any (provinces))
      order by d.day desc limit 1
    ) d
    where stepwise and f.day = date '0001-01-01' and (p_commune is null or f.commune_code = p_commune)
      and (provinces is null or f.province_code = any (provinces))
  ),
  model_agg as (
    select st.unit, st.weak_models as weak from steps st
    union all
    select case when p_level = 'commune' then m.commune_code else m.village_code end,
           count(*) filter (where m.status_at_end = 'weak')::int
    from m group by 1
  ),
  act_agg as (
    select st.unit, st.active_models as active, st.exemplary_models as exemplary, st.compliant_models as compliant,
           st.rated_models as rated, st.effective_models as effective
    from steps st
    union all
    select case when p_level = 'commune' then a.commune_code else a.village_code end,
           count(*)::int,
           count(*) filter (where a.exemplary)::int,
           count(*) filter (where a.compliant)::int,
           count(*) filter (where a.effective is not null)::int,
           count(*) filter (where a.effective)::int
    from act a group by 1
  ),
  vill_agg as (
    select st.unit, st.villages, st.villages_covered as covered, st.population_covered::int as population_covered
    from steps st
    union all
    select case when p_level = 'commune' then v.commune_code else v.code end,
           count(*)::int,
           count(*) filter (where v.is_covered)::int,
           coalesce(sum(v.population) filter (where v.is_covered), 0)::int
    from vill v group by 1
  ),
  -- communes: whole calendar months from incident_commune_month (migration 032; all categories) or
  -- incident_month (migration 024; some), the days before the first and after the last whole month from
  -- incident itself; villages: from incident
  inc_agg as (
    select x.unit, sum(x.n)::int as n
    from (
      select im.commune_code as unit, im.n
      from incident_commune_month im
      where p_level = 'commune' and p_categories is null and im.month >= full_from and im.month < full_to
        and (p_commune is null or im.commune_code = p_commune)
        and (provinces is null or im.province_code = any (provinces))
      union all
      select im.commune_code, im.n
      from incident_month im
      where p_level = 'commune' and p_categories is not null and im.month >= full_from and im.month < full_to
        and (p_commune is null or im.commune_code = p_commune)
        and im.category_code = any (p_categories)
        and (provinces is null or im.province_code = any (provinces))
      union all
      select case when p_level = 'commune' then i.commune_code else i.village_code end, 1
      from incident i
      where ((i.occurred_on >= p_from and i.occurred_on < least(full_from, p_to + 1))
             or (i.occurred_on >= greatest(full_to, p_from) and i.occurred_on <= p_to))
        and (p_categories is null or i.category_code = any (p_categories))
        and (provinces is null or i.province_code = any (provinces))
    ) x
    group by 1
  ),
  outreach_agg as (
    select case when p_level = 'commune' then o.commune_code else o.village_code end as unit, count(*)::int as n
    from outreach_session o
    where o.held_on between p_from and p_to and (provinces is null or o.province_code = any (provinces))
    group by 1
  ),
  dissolved_agg as (
    select case when p_level = 'commune' then sm.commune_code else sm.village_code end as unit, count(*)::int as n
    from security_model sm
    where sm.dissolved_on between p_from and p_to and (provinces is null or sm.province_code = any (provinces))
      and (p_types is null or sm.type_code = any (p_types))
      and (p_orgs is null or sm.lead_org_code = any (p_orgs))
    group by 1
  ),
  funding_agg as (
    select f.commune_code as unit, sum(f.amount_vnd)::bigint as amount
    from funding_allocation f
    where p_level = 'commune' and f.year between extract(year from p_from) and extract(year from p_to)
      and (provinces is null or f.province_code = any (provinces))
    group by 1
  ),
  classes as (
    select a.commune_code, array_agg(a.class_code order by ac.sort) as list
    from commune_area_class a join area_class ac on ac.code = a.class_code group by a.commune_code
  ),
  units as (
    select c.code, c.name, null::text as commune_code, c.population, c.area_km2, c.border_distance_m,
           c.border_belt_share, coalesce(cl.list, '{}') as area_classes
    from commune c left join classes cl on cl.commune_code = c.code
    where p_level = 'commune' and (p_commune is null or c.code = p_commune)
    union all
    select v.code, v.name, v.commune_code, v.population, v.area_km2, v.border_distance_m,
           null::double precision, coalesce(cl.list, '{}')
    from village v left join classes cl on cl.commune_code = v.commune_code
    where p_level = 'village' and (p_commune is null or v.commune_code = p_commune)
  ),
  b as (
    select u.*,
           coalesce(va.villages, 0) as villages, coalesce(va.covered, 0) as villages_covered,
           coalesce(va.population_covered, 0) as population_covered,
           coalesce(aa.active, 0) as active_models, coalesce(ma.weak, 0) as weak_models,
           coalesce(aa.exemplary, 0) as exemplary_models, coalesce(aa.compliant, 0) as compliant_models,
           coalesce(aa.rated, 0) as rated_models, coalesce(aa.effective, 0) as effective_models,
           coalesce(da.n, 0) as dissolved_models, coalesce(ia.n, 0) as incidents,
           coalesce(oa.n, 0) as outreach_sessions, coalesce(fa.amount, 0)::bigint as funding_vnd
    from units u
    left join vill_agg va on va.unit = u.code
    left join act_agg aa on aa.unit = u.code
    left join model_agg ma on ma.unit = u.code
    left join dissolved_agg da on da.unit = u.code
    left join inc_agg ia on ia.unit = u.code
    left join outreach_agg oa on oa.unit = u.code
    left join funding_agg fa on fa.unit = u.code
    where p_classes is null or u.area_classes && p_classes
  )
  select b.code, b.name, b.commune_code, b.population, b.area_km2, b.villages, b.villages_covered,
         b.active_models, b.weak_models, b.dissolved_models, b.exemplary_models,
         case when b.population > 0 then b.active_models * 1000.0::float8 / b.population end,
         case when b.villages > 0 then b.villages_covered::float8 / b.villages end,
         b.population_covered,
         b.compliant_models,
         case when b.active_models > 0 then b.compliant_models::float8 / b.active_models end,
         b.rated_models, b.effective_models,
         case when b.rated_models > 0 then b.effective_models::float8 / b.rated_models end,
         b.incidents,
         case when b.population > 0 then b.incidents * 1000.0::float8 / b.population end,
         case when b.area_km2 > 0 then b.incidents / b.area_km2 end,
         b.outreach_sessions,
         case when b.population > 0 then b.outreach_sessions * 1000.0::float8 / b.population end,
         b.funding_vnd,
         case when b.population > 0 then b.funding_vnd::float8 / b.population end,
         b.border_distance_m / 1000.0::float8,
         b.border_belt_share,
         'border' = any (b.area_classes),
         b.area_classes
  from b
  order by b.code;
end $$;
