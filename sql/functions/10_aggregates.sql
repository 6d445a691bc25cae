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
begin
  if p_ids is null then
    execute format('delete from %s', history);
  elsif cardinality(p_ids) = 0 then
    return;
  else
    execute format('delete from %s where model_id = any ($1)', history) using p_ids;
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
begin
  if p_models is null and p_villages is null then
    execute format('delete from %s', pairs);
  else
    execute format('delete from %s r where r.model_id = any ($1) or r.village_code = any ($2)', pairs)
    using coalesce(p_models, '{}'), coalesce(p_villages, '{}');
  end if;
  if p_models is null and p_villages is null then
    execute format($q$
    insert into %s (model_id, village_code)
    select sm.id, v.code
    from %s sm
    join %s t on t.code = sm.type_code and t.coverage = 'radius'
    join %s v on ST_DWithin(v.point, sm.point, t.radius_m / 100000.0)
              and ST_DWithin(sm.point::geography, v.point::geography, t.radius_m)$q$, pairs, models, types, villages);
    return;
  end if;
  execute format($q$
  insert into %s (model_id, village_code)
  select sm.id, v.code
  from %s sm
  join %s t on t.code = sm.type_code and t.coverage = 'radius'
  join %s v on ST_DWithin(v.point, sm.point, t.radius_m / 100000.0)
            and ST_DWithin(sm.point::geography, v.point::geography, t.radius_m)
  where sm.id = any ($1)
  on conflict do nothing$q$, pairs, models, types, villages)
  using coalesce(p_models, '{}');
  execute format($q$
  insert into %1$s (model_id, village_code)
  select sm.id, v.code
  from %4$s v
  join %2$s sm on ST_DWithin(v.point, sm.point, (select max(radius_m) from %3$s) / 100000.0)
  join %3$s t on t.code = sm.type_code and t.coverage = 'radius'
             and ST_DWithin(v.point, sm.point, t.radius_m / 100000.0)
             and ST_DWithin(sm.point::geography, v.point::geography, t.radius_m)
  where v.code = any ($1)
  on conflict do nothing$q$, pairs, models, types, villages)
  using coalesce(p_villages, '{}');
end $$;

-- Adds signed counts (one per commune, category and month, none zero; a negative count removes incidents)
-- to incident_month, beside p_relation (a trigger's shard on a Citus cluster, see colocated_relation()). Rows
-- are locked in one order so that concurrent writers wait for each other rather than deadlock; a count that
-- falls to zero is removed.
drop function if exists add_incident_months(text[], text[], date[], integer[]);
create or replace function add_incident_months(p_communes text[], p_categories text[], p_months date[],
                                               p_n integer[], p_relation text default null)
returns void
language plpgsql security definer set search_path = public as $$
declare
  at text := coalesce(p_relation, 'incident');
  months text := colocated_relation(at, 'incident_month');
  communes text := colocated_relation(at, 'commune');
  -- the provinces of the counts: through the distributed table on a Citus cluster each statement below then
  -- runs on the one shard that holds them
  provinces text[];
begin
  execute format('select array(select distinct province_code from %s where code = any ($1))', communes)
  into provinces using p_communes;
  execute format($q$
  select 1 from %s t
  join unnest($1, $2, $3) d(commune_code, category_code, month)
    on t.month = d.month and t.commune_code = d.commune_code and t.category_code = d.category_code
  where t.province_code = any ($4)
  order by t.month, t.commune_code, t.category_code
  for update of t$q$, months)
  using p_communes, p_categories, p_months, provinces;
  -- removals update rows that exist; additions are upserted (no correlated look-up into incident_month, which
  -- Citus does not plan beside unnest())
  execute format($q$
  update %s t set n = t.n + d.n
  from unnest($1, $2, $3, $4) d(commune_code, category_code, month, n)
  where t.month = d.month and t.commune_code = d.commune_code and t.category_code = d.category_code
    and t.province_code = any ($5) and d.n < 0$q$, months)
  using p_communes, p_categories, p_months, p_n, provinces;
  execute format($q$
  insert into %s as t (commune_code, category_code, month, n, province_code)
  select d.commune_code, d.category_code, d.month, d.n, c.province_code
  from unnest($1, $2, $3, $4) d(commune_code, category_code, month, n)
  join %s c on c.code = d.commune_code
  where d.n > 0
  order by d.month, d.commune_code, d.category_code
  on conflict (month, commune_code, category_code, province_code) do update set n = t.n + excluded.n$q$,
    months, communes)
  using p_communes, p_categories, p_months, p_n;
  execute format($q$
  delete from %s t
  using unnest($1, $2, $3) d(commune_code, category_code, month)
  where t.month = d.month and t.commune_code = d.commune_code and t.category_code = d.category_code and t.n = 0
    and t.province_code = any ($4)$q$, months)
  using p_communes, p_categories, p_months, provinces;
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
-- changed radius or coverage rebuilds them all.
create or replace function model_radius_village_upkeep() returns trigger
language plpgsql security definer set search_path = public as $$
declare codes text[];
begin
  if TG_TABLE_NAME = 'model_type' then
    perform refresh_model_radius(null, null);
    return null;
  end if;
  if TG_OP = 'INSERT' then
    select array_agg(code) into codes from new_rows;
  elsif TG_OP = 'DELETE' then
    select array_agg(code) into codes from old_rows;
  else
    select array_agg(coalesce(n.code, o.code)) into codes
    from new_rows n full join old_rows o on o.code = n.code
    where n.code is null or o.code is null or ST_AsEWKB(n.point) is distinct from ST_AsEWKB(o.point);
  end if;
  if codes is not null then
    perform refresh_model_radius(null, codes);
  end if;
  return null;
end $$;

create or replace function model_radius_village_truncate() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  perform refresh_model_radius(null, null);
  return null;
end $$;

do $$
declare t text;
begin
  create or replace trigger incident_month_insert after insert on incident
    referencing new table as new_rows for each statement execute function incident_month_upkeep();
  create or replace trigger incident_month_update after update on incident
    referencing old table as old_rows new table as new_rows for each statement execute function incident_month_upkeep();
  create or replace trigger incident_month_delete after delete on incident
    referencing old table as old_rows for each statement execute function incident_month_upkeep();
  create or replace trigger incident_month_truncate after truncate on incident
    for each statement execute function incident_month_truncate();
  create or replace trigger village_radius_insert after insert on village
    referencing new table as new_rows for each statement execute function model_radius_village_upkeep();
  create or replace trigger village_radius_update after update on village
    referencing old table as old_rows new table as new_rows for each statement execute function model_radius_village_upkeep();
  create or replace trigger village_radius_delete after delete on village
    referencing old table as old_rows for each statement execute function model_radius_village_upkeep();
  create or replace trigger village_radius_truncate after truncate on village
    for each statement execute function model_radius_village_truncate();
  create or replace trigger model_type_radius after insert or update or delete on model_type
    for each statement execute function model_radius_village_upkeep();
  foreach t in array array['security_model', 'security_model_status', 'evaluation'] loop
    execute format('create or replace trigger %I after insert on %I
      referencing new table as new_rows for each statement execute function model_state_upkeep()',
      t || '_state_insert', t);
    execute format('create or replace trigger %I after update on %I
      referencing old table as old_rows new table as new_rows for each statement execute function model_state_upkeep()',
      t || '_state_update', t);
    execute format('create or replace trigger %I after delete on %I
      referencing old table as old_rows for each statement execute function model_state_upkeep()',
      t || '_state_delete', t);
    execute format('create or replace trigger %I after truncate on %I
      for each statement execute function model_state_truncate()', t || '_state_truncate', t);
  end loop;
end $$;

-- A database whose sources were written before these triggers existed gets its aggregates built once.
do $$
begin
  if not exists (select 1 from model_state_history) and exists (select 1 from security_model) then
    perform refresh_model_state(null);
    perform refresh_model_radius(null, null);
  end if;
  if not exists (select 1 from incident_month) and exists (select 1 from incident) then
    insert into incident_month (commune_code, category_code, month, n, province_code)
    select commune_code, category_code, date_trunc('month', occurred_on)::date, count(*)::int, province_code
    from incident group by 1, 2, 3, 5;
  end if;
end $$;
