-- Upkeep of the pre-aggregates of migration 024 (model_state_history, model_radius_village, incident_month): statement-level
-- triggers on the source tables bring them up to date in the statement that writes the sources, whoever
-- writes (an edit, an import, a scenario inside its savepoint, the seed), so they are never stale and a
-- rolled-back write takes its aggregate change with it. The trigger functions run as their owner: callers
-- cannot write the aggregates themselves, and a model's spans are worked out from all its rows, whatever the
-- writer may read. Only the sources' own row-level security decides what is written to them.

-- A model's state spans (model_state_history, migration 024) for the models p_ids (all when null), one row a
-- span: one from each date at which its state can change, the state at that date worked out exactly as
-- security_model_state() works it out (sql/functions/02_model_state.sql): the status row valid at the date
-- (latest valid_from first), else the model's current status; the last evaluation on or before it.
-- Read from the tables beside p_relation (colocated_relation(), 00_triggers.sql): on a Citus cluster a trigger
-- passes its shard, and the spans are worked out from that shard's node alone. PL/pgSQL with the query built
-- for the relations: Citus plans no SQL function with a parameter over distributed tables.
drop function if exists model_state_spans(text[]);
create or replace function model_state_spans(p_ids text[], p_relation text default null)
returns table (model_id text, valid_from date, valid_to date, commune_code text, village_code text,
               type_code text, lead_org_code text, exemplary boolean, founded_on date, status text,
               last_rating text, last_evaluated_on date)
language plpgsql stable as $$
declare
  at text := coalesce(p_relation, 'security_model');
begin
  return query execute format($q$
  select sm.id, b.d, lead(b.d) over (partition by sm.id order by b.d),
         sm.commune_code, sm.village_code, sm.type_code, sm.lead_org_code, sm.exemplary, sm.founded_on,
         coalesce((select h.status from %2$s h
                   where h.province_code = sm.province_code and h.model_id = sm.id and h.valid_from <= b.d
                     and (h.valid_to is null or h.valid_to > b.d)
                   order by h.valid_from desc limit 1), sm.status),
         le.rating_code, le.evaluated_on
  from %1$s sm
  cross join lateral (
    select distinct greatest(x.d, sm.founded_on) as d
    from (
      select sm.founded_on as d
      union all select h.valid_from from %2$s h where h.province_code = sm.province_code and h.model_id = sm.id
      union all select h.valid_to from %2$s h
                where h.province_code = sm.province_code and h.model_id = sm.id and h.valid_to is not null
      union all select e.evaluated_on from %3$s e where e.province_code = sm.province_code and e.model_id = sm.id
    ) x
  ) b
  left join lateral (
    select e.evaluated_on, e.rating_code from %3$s e
    where e.province_code = sm.province_code and e.model_id = sm.id and e.evaluated_on <= b.d
    order by e.evaluated_on desc limit 1
  ) le on true
  where $1 is null or sm.id = any ($1)$q$,
    colocated_relation(at, 'security_model'), colocated_relation(at, 'security_model_status'),
    colocated_relation(at, 'evaluation'))
  using p_ids;
end $$;

-- Rebuilds the state history of the models p_ids (every model when null) from the source tables, beside
-- p_relation (a trigger's shard on a Citus cluster; see model_state_spans()).
drop function if exists refresh_model_state(text[]);
create or replace function refresh_model_state(p_ids text[], p_relation text default null)
returns void
language plpgsql security definer set search_path = public as $$
declare
  at text := coalesce(p_relation, 'security_model');
  history text := colocated_relation(at, 'model_state_history');
  -- the communes whose figures follow the models' (commune_state_day): theirs before and after, and those of
  -- the villages in their radius
  affected text[];
begin
  if p_ids is null then
    execute format('delete from %s', history);
  elsif cardinality(p_ids) = 0 then
    return;
  else
    execute format('with gone as (delete from %s where model_id = any ($1) returning commune_code)
                    select array_agg(distinct commune_code) from gone', history)
    into affected using p_ids;
  end if;
  execute format($q$
  insert into %s (model_id, commune_code, village_code, type_code, lead_org_code, exemplary,
                  founded_on, starts, statuses, ratings, evaluated)
  select s.model_id, s.commune_code, s.village_code, s.type_code, s.lead_org_code, s.exemplary, s.founded_on,
         array_agg(s.valid_from order by s.valid_from), array_agg(s.status order by s.valid_from),
         array_agg(s.last_rating order by s.valid_from), array_agg(s.last_evaluated_on order by s.valid_from)
  from model_state_spans($1, $2) s
  group by 1, 2, 3, 4, 5, 6, 7$q$, history)
  using p_ids, at;
  if p_ids is not null then
    execute format($q$select array(select h.commune_code from %1$s h where h.model_id = any ($1)
                                   union select v.commune_code from %2$s p join %3$s v on v.code = p.village_code
                                         where p.model_id = any ($1)
                                   union select unnest($2::text[]))$q$,
                   history, colocated_relation(at, 'model_radius_village'), colocated_relation(at, 'village'))
    into affected using p_ids, affected;
  end if;
  perform refresh_commune_state(affected, at);
end $$;

-- Rebuilds the (model, village) pairs of radius_model_villages() for the models p_models and the villages
-- p_villages (everything when both are null): villages whose point lies within the radius of a model of a
-- radius type (index prefilter in degrees, 1° ≥ 100 km at this latitude; exact test on the spheroid). With
-- the tables beside p_relation (a trigger's shard on a Citus cluster, see colocated_relation()).
drop function if exists refresh_model_radius(text[], text[]);
create or replace function refresh_model_radius(p_models text[], p_villages text[], p_relation text default null)
returns void
language plpgsql security definer set search_path = public as $$
declare
  at text := coalesce(p_relation, 'security_model');
  pairs text := colocated_relation(at, 'model_radius_village');
  models text := colocated_relation(at, 'security_model');
  types text := colocated_relation(at, 'model_type');
  villages text := colocated_relation(at, 'village');
  -- the villages whose pairs went or came: their communes' coverage (commune_state_day) follows
  gone text[];
  came text[];
  near text[];
  communes text[];
begin
  if p_models is null and p_villages is null then
    execute format('delete from %s', pairs);
    execute format($q$
    insert into %s (model_id, village_code, province_code)
    select sm.id, v.code, sm.province_code
    from %s sm
    join %s t on t.code = sm.type_code and t.coverage = 'radius'
    join %s v on ST_DWithin(v.point, sm.point, t.radius_m / 100000.0)
              and ST_DWithin(sm.point::geography, v.point::geography, t.radius_m)$q$, pairs, models, types, villages);
    perform refresh_commune_state(null, at);
    return;
  end if;
  execute format($q$with x as (delete from %s r where r.model_id = any ($1) or r.village_code = any ($2)
                               returning r.village_code)
                    select array_agg(distinct village_code) from x$q$, pairs)
  into gone using coalesce(p_models, '{}'), coalesce(p_villages, '{}');
  execute format($q$
  with x as (
    insert into %s (model_id, village_code, province_code)
    select sm.id, v.code, sm.province_code
    from %s sm
    join %s t on t.code = sm.type_code and t.coverage = 'radius'
    join %s v on ST_DWithin(v.point, sm.point, t.radius_m / 100000.0)
              and ST_DWithin(sm.point::geography, v.point::geography, t.radius_m)
    where sm.id = any ($1)
    on conflict do nothing
    returning village_code)
  select array_agg(distinct village_code) from x$q$, pairs, models, types, villages)
  into came using coalesce(p_models, '{}');
  execute format($q$
  with x as (
    insert into %1$s (model_id, village_code, province_code)
    select sm.id, v.code, sm.province_code
    from %4$s v
    join %2$s sm on ST_DWithin(v.point, sm.point, (select max(radius_m) from %3$s) / 100000.0)
    join %3$s t on t.code = sm.type_code and t.coverage = 'radius'
               and ST_DWithin(v.point, sm.point, t.radius_m / 100000.0)
               and ST_DWithin(sm.point::geography, v.point::geography, t.radius_m)
    where v.code = any ($1)
    on conflict do nothing
    returning village_code)
  select array_agg(distinct village_code) from x$q$, pairs, models, types, villages)
  into near using coalesce(p_villages, '{}');
  execute format('select array(select distinct v.commune_code from %s v where v.code = any ($1))', villages)
  into communes using coalesce(gone, '{}') || coalesce(came, '{}') || coalesce(near, '{}');
  perform refresh_commune_state(communes, at);
end $$;

-- Rebuilds the step functions of commune_state_day (migration 029) for the communes p_communes (every commune
-- when null), beside p_relation (a trigger's shard on a Citus cluster, see colocated_relation(); there only
-- the communes of the shard's provinces, whose rows it holds). From model_state_history and
-- model_radius_village, by the definitions of unit_metrics() (03_metrics.sql) for every type and lead
-- organisation, active models and evaluations due every 6 months:
--   a model's span k (from starts[k] to starts[k+1]) adds its status's counts; while active it is compliant
--   until the first day t with t - 6 months >= the later of its founding and its last evaluation, and that
--   day, when it falls inside the span, is a step of its own;
--   a village is covered while an active model of the village, of the whole commune or with the village in
--   its radius exists; a commune-wide model covers all its villages.
-- Each model's figures enter as differences from its previous step, so a commune's figures at a day are
-- running sums of those differences over its days.
create or replace function refresh_commune_state(p_communes text[], p_relation text default null)
returns void
language plpgsql security definer set search_path = public as $$
declare
  at text := coalesce(p_relation, 'security_model');
  days text := colocated_relation(at, 'commune_state_day');
  communes text := colocated_relation(at, 'commune');
  shard bigint := substring(days from '_([0-9]+)$')::bigint;
  codes text[];
begin
  if p_communes is not null and cardinality(p_communes) = 0 then
    return;
  end if;
  execute format($q$select array(select c.code from %s c where ($1::text[] is null or c.code = any ($1))%s)$q$,
                 communes,
                 case when shard is not null
                      then ' and get_shard_id_for_distribution_column(''commune_state_day'', c.province_code) = $2' end)
  into codes using p_communes, shard;
  if cardinality(codes) = 0 then
    return; -- none of the communes in this shard's provinces
  end if;
  execute format('delete from %s where commune_code = any ($1)', days) using codes;
  execute format($q$
  insert into %1$s (province_code, commune_code, day, villages, active_models, weak_models, exemplary_models,
                    compliant_models, rated_models, effective_models, villages_covered, population_covered)
  with
  spans as (
    select h.model_id, h.commune_code, h.village_code, h.exemplary, t.coverage, u.status, u.start,
           h.starts[u.k + 1] as next_start, r.effective, e.expiry
    from %2$s h
    join %4$s t on t.code = h.type_code
    cross join lateral unnest(h.starts, h.statuses, h.ratings, h.evaluated) with ordinality u(start, status, rating, evaluated, k)
    left join %5$s r on r.code = u.rating
    cross join lateral (select greatest(h.founded_on, u.evaluated) as checked) c
    cross join lateral (select (c.checked + interval '6 months')::date as due) d
    cross join lateral (select case when d.due - interval '6 months' >= c.checked then d.due else d.due + 1 end as expiry) e
    where h.model_id in (select x.model_id from %2$s x where x.commune_code = any ($1)
                         union
                         select p.model_id from %3$s p join %6$s v on v.code = p.village_code
                         where v.commune_code = any ($1))
  ),
  -- each model's steps: its spans, and the day within an active span when it falls overdue
  steps as (
    select s.model_id, s.commune_code, s.start as day, s.status, s.exemplary, s.effective, s.expiry > s.start as compliant
    from spans s where s.commune_code = any ($1)
    union all
    select s.model_id, s.commune_code, s.expiry, s.status, s.exemplary, s.effective, false
    from spans s
    where s.commune_code = any ($1) and s.status = 'active' and s.expiry > s.start
      and (s.next_start is null or s.expiry < s.next_start)
  ),
  figures as (
    select st.model_id, st.commune_code, st.day,
           (st.status = 'active')::int as a, (st.status = 'weak')::int as w,
           (st.status = 'active' and st.exemplary)::int as ex, (st.status = 'active' and st.compliant)::int as co,
           (st.status = 'active' and st.effective is not null)::int as ra,
           (st.status = 'active' and coalesce(st.effective, false))::int as ef
    from steps st
  ),
  model_change as (
    select f.commune_code, f.day,
           f.a - lag(f.a, 1, 0) over m as a, f.w - lag(f.w, 1, 0) over m as w, f.ex - lag(f.ex, 1, 0) over m as ex,
           f.co - lag(f.co, 1, 0) over m as co, f.ra - lag(f.ra, 1, 0) over m as ra, f.ef - lag(f.ef, 1, 0) over m as ef
    from figures f
    window m as (partition by f.model_id order by f.day)
  ),
  active_spans as (select * from spans s where s.status = 'active'),
  -- villages covered by a model of the village or within a camera's radius: +1 and -1 at each active span's ends
  village_events as (
    select v.code as village, v.commune_code, x.day, x.d
    from active_spans a
    join %6$s v on v.code = a.village_code and a.coverage = 'village'
    cross join lateral (values (a.start, 1), (a.next_start, -1)) x(day, d)
    where v.commune_code = any ($1) and x.day is not null
    union all
    select v.code, v.commune_code, x.day, x.d
    from active_spans a
    join %3$s p on p.model_id = a.model_id and a.coverage = 'radius'
    join %6$s v on v.code = p.village_code
    cross join lateral (values (a.start, 1), (a.next_start, -1)) x(day, d)
    where v.commune_code = any ($1) and x.day is not null
  ),
  village_flag as (
    select g.village, g.commune_code, g.day,
           (g.n > 0)::int - lag((g.n > 0)::int, 1, 0) over (partition by g.village order by g.day) as df
    from (select e.village, e.commune_code, e.day, sum(sum(e.d)) over (partition by e.village order by e.day) as n
          from village_events e group by 1, 2, 3) g
  ),
  cover_change as (
    select f.commune_code, f.day, sum(f.df)::int as dn, coalesce(sum(f.df * v.population), 0)::bigint as dp
    from village_flag f join %6$s v on v.code = f.village
    where f.df <> 0
    group by 1, 2
  ),
  -- commune-wide models: while one is active, every village of the commune is covered
  commune_flag as (
    select g.commune_code, g.day,
           (g.n > 0)::int - lag((g.n > 0)::int, 1, 0) over (partition by g.commune_code order by g.day) as dc
    from (select a.commune_code, x.day, sum(sum(x.d)) over (partition by a.commune_code order by x.day) as n
          from active_spans a
          cross join lateral (values (a.start, 1), (a.next_start, -1)) x(day, d)
          where a.coverage = 'commune' and a.commune_code = any ($1) and x.day is not null
          group by 1, 2) g
  ),
  changes as (
    select c.commune_code, c.day, c.a, c.w, c.ex, c.co, c.ra, c.ef, 0 as dn, 0::bigint as dp, 0 as dc from model_change c
    union all select c.commune_code, c.day, 0, 0, 0, 0, 0, 0, c.dn, c.dp, 0 from cover_change c
    union all select c.commune_code, c.day, 0, 0, 0, 0, 0, 0, 0, 0, c.dc from commune_flag c where c.dc <> 0
    union all select code, date '0001-01-01', 0, 0, 0, 0, 0, 0, 0, 0, 0 from unnest($1) code
  ),
  per_day as (
    select c.commune_code, c.day, sum(c.a) as a, sum(c.w) as w, sum(c.ex) as ex, sum(c.co) as co, sum(c.ra) as ra,
           sum(c.ef) as ef, sum(c.dn) as dn, sum(c.dp) as dp, sum(c.dc) as dc
    from changes c group by 1, 2
  ),
  running as (
    select p.commune_code, p.day, p.a, p.w, p.ex, p.co, p.ra, p.ef, p.dn, p.dp, p.dc,
           sum(p.a) over d as ta, sum(p.w) over d as tw, sum(p.ex) over d as tex, sum(p.co) over d as tco,
           sum(p.ra) over d as tra, sum(p.ef) over d as tef, sum(p.dn) over d as tn, sum(p.dp) over d as tp,
           sum(p.dc) over d as tc
    from per_day p
    window d as (partition by p.commune_code order by p.day)
  ),
  totals as (
    select v.commune_code, count(*)::int as villages, coalesce(sum(v.population), 0)::bigint as population
    from %6$s v where v.commune_code = any ($1) group by 1
  )
  select c.province_code, r.commune_code, r.day, coalesce(t.villages, 0), r.ta, r.tw, r.tex, r.tco, r.tra, r.tef,
         case when r.tc > 0 then coalesce(t.villages, 0) else r.tn end,
         case when r.tc > 0 then coalesce(t.population, 0) else r.tp end
  from running r
  join %7$s c on c.code = r.commune_code
  left join totals t on t.commune_code = r.commune_code
  where r.day = date '0001-01-01' or r.a <> 0 or r.w <> 0 or r.ex <> 0 or r.co <> 0 or r.ra <> 0 or r.ef <> 0
     or r.dn <> 0 or r.dp <> 0 or r.dc <> 0$q$,
    days, colocated_relation(at, 'model_state_history'), colocated_relation(at, 'model_radius_village'),
    colocated_relation(at, 'model_type'), colocated_relation(at, 'rating'), colocated_relation(at, 'village'),
    communes)
  using codes;
end $$;

-- Adds signed counts (one per commune, category and month, none zero; a negative count removes incidents)
-- to incident_month, and their sums by commune and month to incident_commune_month (migration 032), beside
-- p_relation (a trigger's shard on a Citus cluster, see colocated_relation()).
drop function if exists add_incident_months(text[], text[], date[], integer[]);
create or replace function add_incident_months(p_communes text[], p_categories text[], p_months date[],
                                               p_n integer[], p_relation text default null)
returns void
language plpgsql security definer set search_path = public as $$
declare
  at text := coalesce(p_relation, 'incident');
  communes text := colocated_relation(at, 'commune');
  c text[]; m date[]; n integer[];
begin
  perform add_month_counts(colocated_relation(at, 'incident_month'), communes, p_communes, p_categories, p_months,
                           p_n);
  select array_agg(g.commune_code), array_agg(g.month), array_agg(g.n) into c, m, n
  from (select d.commune_code, d.month, sum(d.n)::int as n
        from unnest(p_communes, p_months, p_n) d(commune_code, month, n)
        group by 1, 2 having sum(d.n) <> 0) g;
  if c is not null then
    perform add_month_counts(colocated_relation(at, 'incident_commune_month'), communes, c, null, m, n);
  end if;
end $$;

-- The four statements of add_incident_months() for one table: p_months_table keyed by month, commune and
-- category (p_categories given) or by month and commune (p_categories null). Rows are locked in one order so
-- that concurrent writers wait for each other rather than deadlock; a count that falls to zero is removed.
create or replace function add_month_counts(p_months_table text, p_communes_table text, p_communes text[],
                                            p_categories text[], p_months date[], p_n integer[])
returns void
language plpgsql security definer set search_path = public as $$
declare
  by_category boolean := p_categories is not null;
  -- the key columns, and the key's match between a row t and a count d
  keys text := case when by_category then 'month, commune_code, category_code' else 'month, commune_code' end;
  same text := 't.month = d.month and t.commune_code = d.commune_code'
               || case when by_category then ' and t.category_code = d.category_code' else '' end;
  counts text := case when by_category then 'unnest($1, $2, $3, $4) d(commune_code, category_code, month, n)'
                      else 'unnest($1, $3, $4) d(commune_code, month, n)' end;
  -- the provinces of the counts: through the distributed table on a Citus cluster each statement below then
  -- runs on the one shard that holds them
  provinces text[];
begin
  execute format('select array(select distinct province_code from %s where code = any ($1))', p_communes_table)
  into provinces using p_communes;
  execute format('select 1 from %1$s t join %2$s on %3$s where t.province_code = any ($5) order by %4$s for update of t',
                 p_months_table, counts, same, regexp_replace(keys, '(\w+)', 't.\1', 'g'))
  using p_communes, p_categories, p_months, p_n, provinces;
  -- removals update rows that exist; additions are upserted (no correlated look-up into the counts, which
  -- Citus does not plan beside unnest())
  execute format('update %1$s t set n = t.n + d.n from %2$s where %3$s and t.province_code = any ($5) and d.n < 0',
                 p_months_table, counts, same)
  using p_communes, p_categories, p_months, p_n, provinces;
  execute format($q$
  insert into %1$s as t (%3$s, n, province_code)
  select %4$s, d.n, c.province_code
  from %2$s
  join %5$s c on c.code = d.commune_code
  where d.n > 0
  order by %4$s
  on conflict (%3$s, province_code) do update set n = t.n + excluded.n$q$,
    p_months_table, counts, keys, regexp_replace(keys, '(\w+)', 'd.\1', 'g'), p_communes_table)
  using p_communes, p_categories, p_months, p_n;
  execute format('delete from %1$s t using %2$s where %3$s and t.n = 0 and t.province_code = any ($5)',
                 p_months_table, counts, same)
  using p_communes, p_categories, p_months, p_n, provinces;
end $$;

-- incident: the months the written rows leave (old) and enter (new)
create or replace function incident_month_upkeep() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  c text[]; k text[]; m date[]; n integer[];
begin
  if TG_OP = 'INSERT' then
    select array_agg(commune_code), array_agg(category_code), array_agg(month), array_agg(cnt)
    into c, k, m, n
    from (select commune_code, category_code, date_trunc('month', occurred_on)::date as month, count(*)::int as cnt
          from new_rows group by 1, 2, 3) d;
  elsif TG_OP = 'DELETE' then
    select array_agg(commune_code), array_agg(category_code), array_agg(month), array_agg(cnt)
    into c, k, m, n
    from (select commune_code, category_code, date_trunc('month', occurred_on)::date as month, -count(*)::int as cnt
          from old_rows group by 1, 2, 3) d;
  else
    select array_agg(commune_code), array_agg(category_code), array_agg(month), array_agg(cnt)
    into c, k, m, n
    from (select commune_code, category_code, month, sum(s)::int as cnt
          from (select commune_code, category_code, date_trunc('month', occurred_on)::date as month, 1 as s
                from new_rows
                union all
                select commune_code, category_code, date_trunc('month', occurred_on)::date, -1 from old_rows) x
          group by 1, 2, 3
          having sum(s) <> 0) d;
  end if;
  if c is not null then
    perform add_incident_months(c, k, m, n, TG_TABLE_NAME);
  end if;
  return null;
end $$;

create or replace function incident_month_truncate() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  execute format('delete from %s', colocated_relation(TG_TABLE_NAME, 'incident_month'));
  execute format('delete from %s', colocated_relation(TG_TABLE_NAME, 'incident_commune_month'));
  return null;
end $$;

-- security_model, security_model_status, evaluation: the models whose rows were written get their spans anew
-- (a deleted model loses them: nothing is left to work them out from).
create or replace function model_state_upkeep() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  ids text[];
  col text := case when logical_table_name(TG_TABLE_NAME) = 'security_model' then 'id' else 'model_id' end;
begin
  if TG_OP = 'INSERT' then
    execute format('select array_agg(distinct %I) from new_rows', col) into ids;
  elsif TG_OP = 'DELETE' then
    execute format('select array_agg(distinct %I) from old_rows', col) into ids;
  else
    execute format('select array_agg(distinct x) from (select %1$I as x from new_rows union select %1$I from old_rows) u',
                   col) into ids;
  end if;
  perform refresh_model_state(coalesce(ids, '{}'), TG_TABLE_NAME);
  if logical_table_name(TG_TABLE_NAME) = 'security_model' then
    perform refresh_model_radius(coalesce(ids, '{}'), null, TG_TABLE_NAME);
  end if;
  return null;
end $$;

create or replace function model_state_truncate() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  perform refresh_model_state(null, TG_TABLE_NAME);
  if logical_table_name(TG_TABLE_NAME) = 'security_model' then
    perform refresh_model_radius(null, null, TG_TABLE_NAME);
  end if;
  return null;
end $$;

-- village: villages whose point moved (or that came or went) get their radius pairs anew; model_type: a
-- changed radius or coverage rebuilds them all. On a Citus cluster these are reference tables, whose every
-- copy fires: each node rebuilds the pairs in its own shards of the models (upkeep_relations(),
-- 00_triggers.sql), where the trigger names its copy (village_102008) rather than the table.
create or replace function model_radius_village_upkeep() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  codes text[];
  rel text;
begin
  if logical_table_name(TG_TABLE_NAME) = 'model_type' then
    for rel in select upkeep_relations(TG_TABLE_NAME) loop
      perform refresh_model_radius(null, null, rel);
    end loop;
    return null;
  end if;
  execute written_keys_query(TG_OP, 'code', 'ST_AsEWKB(n.point) is distinct from ST_AsEWKB(o.point)') into codes;
  if codes is not null then
    for rel in select upkeep_relations(TG_TABLE_NAME) loop
      perform refresh_model_radius(null, codes, rel);
    end loop;
  end if;
  return null;
end $$;

create or replace function model_radius_village_truncate() returns trigger
language plpgsql security definer set search_path = public as $$
declare rel text;
begin
  for rel in select upkeep_relations(TG_TABLE_NAME) loop
    perform refresh_model_radius(null, null, rel);
  end loop;
  return null;
end $$;

-- village: a village that came, went, moved to another commune or changed its population changes its
-- communes' figures (a moved point reaches them through its radius pairs, above); rating: a rating that
-- became effective or not changes every commune's. Per node on a Citus cluster, as above.
create or replace function commune_state_village_upkeep() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  codes text[];
  rel text;
begin
  if logical_table_name(TG_TABLE_NAME) <> 'rating' then
    if TG_OP = 'INSERT' then
      select array_agg(distinct commune_code) into codes from new_rows;
    elsif TG_OP = 'DELETE' then
      select array_agg(distinct commune_code) into codes from old_rows;
    else
      select array_agg(distinct c) into codes
      from new_rows n full join old_rows o on o.code = n.code
      cross join lateral (values (n.commune_code), (o.commune_code)) x(c)
      where x.c is not null
        and (n.code is null or o.code is null or n.commune_code is distinct from o.commune_code
             or n.population is distinct from o.population);
    end if;
    if codes is null then
      return null;
    end if;
  end if;
  -- every commune's for a rating (codes null)
  for rel in select upkeep_relations(TG_TABLE_NAME) loop
    perform refresh_commune_state(codes, rel);
  end loop;
  return null;
end $$;

-- Per table and aggregate: its upkeep after insert, update and delete, and its upkeep after truncate if any.
do $$
begin
  perform create_upkeep_triggers(t.tbl, t.name, t.upkeep, t.on_truncate)
  from (values
    ('incident', 'incident_month', 'incident_month_upkeep', 'incident_month_truncate'),
    ('village', 'village_radius', 'model_radius_village_upkeep', 'model_radius_village_truncate'),
    ('village', 'village_commune_state', 'commune_state_village_upkeep', null),
    ('security_model', 'security_model_state', 'model_state_upkeep', 'model_state_truncate'),
    ('security_model_status', 'security_model_status_state', 'model_state_upkeep', 'model_state_truncate'),
    ('evaluation', 'evaluation_state', 'model_state_upkeep', 'model_state_truncate')
  ) t(tbl, name, upkeep, on_truncate);
  create or replace trigger model_type_radius after insert or update or delete on model_type
    for each statement execute function model_radius_village_upkeep();
  create or replace trigger rating_commune_state after update on rating
    for each statement execute function commune_state_village_upkeep();
end $$;

-- Bulk loads (the demo seed): the upkeep of these aggregates switched off on p_tables while their rows are
-- written, then switched on again and everything rebuilt once by rebuild_aggregates(). Loaded in chunks with
-- the upkeep on, the whole country's 3.2 million evaluations rebuilt the same communes' step functions after
-- every chunk: an hour of work, and 19 million dead rows in commune_state_day for the first queries to wade
-- through. Only the owner of the tables may do this (ALTER TABLE).
create or replace function set_aggregate_upkeep(p_tables text[], p_on boolean) returns void
language plpgsql as $$
declare t record;
begin
  for t in
    select c.relname, g.tgname
    from pg_trigger g
    join pg_class c on c.oid = g.tgrelid
    join pg_proc p on p.oid = g.tgfoid
    where c.relname = any (p_tables) and c.relnamespace = 'public'::regnamespace and not g.tgisinternal
      and p.proname in ('incident_month_upkeep', 'incident_month_truncate', 'model_state_upkeep',
                        'model_state_truncate', 'model_radius_village_upkeep', 'model_radius_village_truncate',
                        'commune_state_village_upkeep')
  loop
    execute format('alter table %I %s trigger %I', t.relname, case when p_on then 'enable' else 'disable' end,
                   t.tgname);
  end loop;
end $$;

-- Every aggregate of this file built anew from its sources. On a Citus cluster whose tables are distributed,
-- each shard of the models rebuilds the aggregates beside it on its own worker, as the upkeep triggers do
-- (the step functions come from per-model spans, which the coordinator cannot push down to the shards).
-- run_command_on_shards() reaches the workers over connections of its own, outside the caller's transaction:
-- call it there on its own, never in a transaction that has written those shards (the migrations run it after
-- their transaction, data/src/db/migrate.ts). Each shard's rebuild is whole or nothing, and running it again
-- gives the same rows.
create or replace function rebuild_aggregates() returns void
language plpgsql security definer set search_path = public as $$
declare
  failed text;
begin
  if is_distributed('security_model') then
    -- the radius pairs of every shard first: a shard's commune steps read its pairs
    select string_agg(r.shardid || ': ' || r.result, '; ') into failed
    from run_command_on_shards('security_model', $c$select refresh_model_radius(null, null, '%s')$c$) r
    where not r.success;
    if failed is null then
      select string_agg(r.shardid || ': ' || r.result, '; ') into failed
      from run_command_on_shards('security_model', $c$select refresh_model_state(null, '%s')$c$) r
      where not r.success;
    end if;
    if failed is not null then
      raise exception 'rebuilding the aggregates failed on shards %', failed;
    end if;
  else
    -- the radius pairs first: the model states' rebuild then builds the communes' steps from both
    perform refresh_model_radius(null, null);
    perform refresh_model_state(null);
  end if;
  delete from incident_month;
  insert into incident_month (commune_code, category_code, month, n, province_code)
  select commune_code, category_code, date_trunc('month', occurred_on)::date, count(*)::int, province_code
  from incident group by 1, 2, 3, 5;
  delete from incident_commune_month;
  insert into incident_commune_month (commune_code, month, n, province_code)
  select commune_code, month, sum(n)::int, province_code from incident_month group by 1, 2, 4;
end $$;

-- Whether an aggregate lacks what its sources hold: a database whose sources were written before its upkeep
-- triggers existed (a migration added the aggregate), or a rebuild that stopped on some shards. Every commune
-- has its first step (migration 031), every model its history.
create or replace function aggregates_missing() returns boolean
language sql stable security definer set search_path = public as $$
  -- joins on the province code and counts, which a cluster plans (no correlated subquery over a reference table)
  select exists (select 1 from security_model m
                 left join model_state_history h on h.province_code = m.province_code and h.model_id = m.id
                 where h.model_id is null)
      or (select count(*) from commune)
         > (select count(*) from commune_state_day where day = date '0001-01-01')
      or (not exists (select 1 from incident_month) and exists (select 1 from incident))
$$;

-- For the owner (the seed, the migrations) only, not for the request roles.
revoke execute on function set_aggregate_upkeep(text[], boolean) from public;
revoke execute on function rebuild_aggregates() from public;
revoke execute on function aggregates_missing() from public;

-- A database whose sources were written before these triggers existed gets its aggregates built once; on a
-- distributed cluster after the migration's transaction (data/src/db/migrate.ts).
do $$
begin
  if not is_distributed('security_model') and aggregates_missing() then
    perform rebuild_aggregates();
  end if;
end $$;
