-- Upkeep of the pre-aggregates of migration 024 (model_state_interval, incident_month): statement-level
-- triggers on the source tables bring them up to date in the statement that writes the sources, whoever
-- writes (an edit, an import, a scenario inside its savepoint, the seed), so they are never stale and a
-- rolled-back write takes its aggregate change with it. The trigger functions run as their owner: callers
-- cannot write the aggregates themselves, and a model's spans are worked out from all its rows, whatever the
-- writer may read. Only the sources' own row-level security decides what is written to them.

-- A model's state spans (model_state_interval, migration 024) for the models p_ids (all when null): one span
-- from each date at which its state can change, the state at that date worked out exactly as
-- security_model_state() works it out (sql/functions/02_model_state.sql): the status row valid at the date
-- (latest valid_from first), else the model's current status; the last evaluation on or before it.
create or replace function model_state_spans(p_ids text[])
returns setof model_state_interval
language sql stable as $$
  select sm.id, b.d, lead(b.d) over (partition by sm.id order by b.d),
         sm.commune_code, sm.village_code, sm.type_code, sm.lead_org_code, sm.exemplary, sm.founded_on,
         coalesce((select h.status from security_model_status h
                   where h.model_id = sm.id and h.valid_from <= b.d
                     and (h.valid_to is null or h.valid_to > b.d)
                   order by h.valid_from desc limit 1), sm.status),
         le.rating_code, le.evaluated_on
  from security_model sm
  cross join lateral (
    select distinct greatest(x.d, sm.founded_on) as d
    from (
      select sm.founded_on as d
      union all select h.valid_from from security_model_status h where h.model_id = sm.id
      union all select h.valid_to from security_model_status h where h.model_id = sm.id and h.valid_to is not null
      union all select e.evaluated_on from evaluation e where e.model_id = sm.id
    ) x
  ) b
  left join lateral (
    select e.evaluated_on, e.rating_code from evaluation e
    where e.model_id = sm.id and e.evaluated_on <= b.d
    order by e.evaluated_on desc limit 1
  ) le on true
  where p_ids is null or sm.id = any (p_ids)
$$;

-- Rebuilds the spans of the models p_ids (every model when null) from the source tables.
create or replace function refresh_model_state(p_ids text[])
returns void
language plpgsql security definer set search_path = public as $$
begin
  if p_ids is null then
    delete from model_state_interval;
  elsif cardinality(p_ids) = 0 then
    return;
  else
    delete from model_state_interval where model_id = any (p_ids);
  end if;
  insert into model_state_interval select * from model_state_spans(p_ids);
end $$;

-- Adds signed counts (one per commune, category and month, none zero; a negative count removes incidents)
-- to incident_month. Rows are locked in one order so that concurrent writers wait for each other rather than
-- deadlock; a count that falls to zero is removed.
create or replace function add_incident_months(p_communes text[], p_categories text[], p_months date[],
                                               p_n integer[])
returns void
language plpgsql security definer set search_path = public as $$
begin
  perform 1 from incident_month t
  join unnest(p_communes, p_categories, p_months) d(commune_code, category_code, month)
    on t.month = d.month and t.commune_code = d.commune_code and t.category_code = d.category_code
  order by t.month, t.commune_code, t.category_code
  for update of t;
  update incident_month t set n = t.n + d.n
  from unnest(p_communes, p_categories, p_months, p_n) d(commune_code, category_code, month, n)
  where t.month = d.month and t.commune_code = d.commune_code and t.category_code = d.category_code;
  insert into incident_month as t (commune_code, category_code, month, n)
  select d.commune_code, d.category_code, d.month, d.n
  from unnest(p_communes, p_categories, p_months, p_n) d(commune_code, category_code, month, n)
  where d.n > 0
    and not exists (select 1 from incident_month x
                    where x.month = d.month and x.commune_code = d.commune_code and x.category_code = d.category_code)
  order by d.month, d.commune_code, d.category_code
  on conflict (month, commune_code, category_code) do update set n = t.n + excluded.n;
  delete from incident_month t
  using unnest(p_communes, p_categories, p_months) d(commune_code, category_code, month)
  where t.month = d.month and t.commune_code = d.commune_code and t.category_code = d.category_code and t.n = 0;
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
    perform add_incident_months(c, k, m, n);
  end if;
  return null;
end $$;

create or replace function incident_month_truncate() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  delete from incident_month;
  return null;
end $$;

-- security_model, security_model_status, evaluation: the models whose rows were written get their spans anew
-- (a deleted model loses them: nothing is left to work them out from).
create or replace function model_state_upkeep() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  ids text[];
  col text := case when TG_TABLE_NAME = 'security_model' then 'id' else 'model_id' end;
begin
  if TG_OP = 'INSERT' then
    execute format('select array_agg(distinct %I) from new_rows', col) into ids;
  elsif TG_OP = 'DELETE' then
    execute format('select array_agg(distinct %I) from old_rows', col) into ids;
  else
    execute format('select array_agg(distinct x) from (select %1$I as x from new_rows union select %1$I from old_rows) u',
                   col) into ids;
  end if;
  perform refresh_model_state(coalesce(ids, '{}'));
  return null;
end $$;

create or replace function model_state_truncate() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  perform refresh_model_state(null);
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
  if not exists (select 1 from model_state_interval) and exists (select 1 from security_model) then
    perform refresh_model_state(null);
  end if;
  if not exists (select 1 from incident_month) and exists (select 1 from incident) then
    insert into incident_month (commune_code, category_code, month, n)
    select commune_code, category_code, date_trunc('month', occurred_on)::date, count(*)::int
    from incident group by 1, 2, 3;
  end if;
end $$;
