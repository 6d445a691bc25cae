-- Matching references in set operations (imports and record editing).

-- Text folded for matching names and codes: no diacritics, đ → d, lower case, punctuation as single spaces.
-- Not strict, so the planner inlines it. api/src/imports/fold.ts computes the same in TypeScript.
create or replace function import_fold(t text) returns text
language sql immutable parallel safe as $$
  select nullif(trim(regexp_replace(vn_fold(lower(t)), '[^a-z0-9]+', ' ', 'g')), '')
$$;

-- A unit name without its type word ("Phường Lào Cai" → "lao cai", "Tổ dân phố số 3" → "3").
create or replace function import_bare(t text) returns text
language sql immutable parallel safe as $$
  select nullif(regexp_replace(regexp_replace(import_fold(t),
    '^(xa|phuong|dac khu|thi tran|tt|thon|ban|to dan pho|tdp|to|khu pho|kp|khu|lang|ap|xom|cum) ', ''),
    '^(so) ', ''), '')
$$;

-- Problems found in a staged row, as jsonb: { field, severity ('error' | 'warning'), message }.
create or replace function import_issue(p_field text, p_severity text, p_message text) returns jsonb
language sql immutable parallel safe as $$
  select jsonb_build_object('field', p_field, 'severity', p_severity, 'message', p_message)
$$;

-- The non-null issues among the arguments, as a jsonb array.
create or replace function import_issues(variadic p_issues jsonb[]) returns jsonb
language sql immutable parallel safe as $$
  select coalesce(jsonb_agg(u.i order by u.o), '[]'::jsonb)
  from unnest(p_issues) with ordinality as u(i, o) where u.i is not null
$$;

-- Every way a reference value may be written, folded: code, Vietnamese and English names, aliases.
create or replace view import_taxon_key as
select kind, k, min(code) as code, count(distinct code)::int as n
from (
  select 'model_type' as kind, code, unnest(array[code, name_vi, name_en]) as name from model_type
  union all select 'incident_category', code, unnest(array[code, name_vi, name_en]) from incident_category
  union all select 'rating', code, unnest(array[code, name_vi, name_en]) from rating
  union all select 'lead_org', code, unnest(array[code, name_vi, name_en]) from lead_org
  union all select kind, code, alias from import_alias
) t, lateral (select import_fold(t.name) as k) f
where k is not null
group by kind, k;

-- Names and codes of every commune, whatever the caller's scope (official, public facts; no geometry),
-- so that a row in a commune outside the scope is reported as such rather than as an unknown commune.
create or replace function import_commune_directory()
returns table (code text, full_name text, folded text, bare text, in_scope boolean)
language sql stable security definer set search_path = public as $$
  select c.code, c.full_name, import_fold(c.full_name), import_bare(c.full_name), antt_in_scope(c.code)
  from commune c where c.valid_to is null
$$;

-- Which of `p_ids` are already taken in a records table, whatever the caller's scope: a new record may not
-- reuse the key of one the caller cannot see. Reveals only that a key is in use.
create or replace function import_taken_ids(p_table text, p_ids text[])
returns table (id text, commune_code text)
language plpgsql stable security definer set search_path = public as $$
begin
  if p_table = 'village' then
    return query select v.code, v.commune_code from village v where v.code = any (p_ids);
  elsif p_table in ('security_model', 'incident', 'outreach_session', 'safety_certification', 'funding_allocation') then
    return query execute format('select t.id, t.commune_code from %I t where t.id = any ($1)', p_table) using p_ids;
  elsif p_table = 'evaluation' then
    -- joined on the province too: on a Citus cluster an evaluation sits beside its model
    return query select e.id, m.commune_code from evaluation e
      join security_model m on m.province_code = e.province_code and m.id = e.model_id
      where e.id = any (p_ids);
  else
    raise exception 'import_taken_ids: no table %', p_table;
  end if;
end $$;

-- Changes the status of models p_models (each listed once) to p_statuses on p_on with p_reasons, and keeps
-- their dated history (security_model_status) in step: a model's open period is closed on its day and a new
-- one begins; a change on the day the open period began replaces it. Set-based, so that an import of many
-- status changes refreshes the pre-aggregates of sql/functions/10_aggregates.sql a few times, not per model.
create or replace function set_model_statuses(p_models text[], p_statuses text[], p_on date[], p_reasons text[])
returns void language plpgsql as $$
declare
  early record;
  open_models text[];
  closing text[];
begin
  select c.on_date, o.valid_from into early
  from unnest(p_models, p_on) c(model_id, on_date)
  join security_model_status o on o.model_id = c.model_id and o.valid_to is null
  where c.on_date < o.valid_from
  limit 1;
  if found then
    raise exception 'status change on % is before the current status began on %', early.on_date, early.valid_from
      using errcode = '22008';
  end if;
  -- Which models have an open period, and which of those end it, read before anything is written: simple
  -- statements, each of which a Citus cluster can plan (no data-modifying CTE beside a subquery on the shards).
  select coalesce(array_agg(o.model_id), '{}') into open_models
  from security_model_status o where o.model_id = any (p_models) and o.valid_to is null;
  select coalesce(array_agg(o.model_id), '{}') into closing
  from security_model_status o
  join unnest(p_models, p_statuses, p_on) c(model_id, status, on_date) on c.model_id = o.model_id
  where o.valid_to is null and o.valid_from < c.on_date and o.status is distinct from c.status;
  -- on the day the open period began: the period takes the new status
  update security_model_status s set status = c.status, reason = c.reason
  from unnest(p_models, p_statuses, p_on, p_reasons) c(model_id, status, on_date, reason)
  where s.model_id = c.model_id and s.valid_to is null and s.valid_from = c.on_date
    and s.status is distinct from c.status;
  -- later: the open period ends and a new one begins (also for a model without an open period)
  update security_model_status s set valid_to = c.on_date
  from unnest(p_models, p_on) c(model_id, on_date)
  where s.model_id = c.model_id and s.model_id = any (closing) and s.valid_to is null;
  insert into security_model_status (model_id, status, valid_from, reason, province_code, commune_code)
  select c.model_id, c.status, c.on_date, c.reason, m.province_code, m.commune_code
  from unnest(p_models, p_statuses, p_on, p_reasons) c(model_id, status, on_date, reason)
  join security_model m on m.id = c.model_id
  where c.model_id = any (closing) or c.model_id <> all (open_models);
  update security_model m
  set status = c.status,
      dissolved_on = case when c.status = 'dissolved' then c.on_date end,
      dissolved_reason = case when c.status = 'dissolved' then c.reason end,
      updated_at = now()
  from unnest(p_models, p_statuses, p_on, p_reasons) c(model_id, status, on_date, reason)
  where m.id = c.model_id;
end $$;

-- One model's status change (set_model_statuses()).
create or replace function set_model_status(p_model text, p_status text, p_on date, p_reason text)
returns void language sql as $$
  select set_model_statuses(array[p_model], array[p_status], array[p_on], array[p_reason]);
$$;

-- The commit of a boundaries import: the checked polygons of import p_import replace their communes'
-- outlines (in the caller's scope, as the communes' row-level security would have it), then the border
-- distances and classes follow. As the owner, for both: the border tables are not the caller's to write, and
-- on a Citus cluster the communes and the border tables are reference tables, whose copies one transaction may
-- write as one user only ("cannot perform query on placements that were modified in this transaction by a
-- different user", when the caller wrote the communes and the owner the border belt). The staged rows are
-- read first and the communes written from those values: Citus 13.2 runs a write to a reference table that
-- reads the coordinator's own tables (import_row) on the coordinator's copy alone, and the workers' copies
-- would keep the old outlines.
create or replace function import_replace_boundaries(p_import uuid) returns integer
language plpgsql security definer set search_path = public as $$
declare
  codes text[];
  shapes geometry[];
  n integer;
begin
  select array_agg(r.target_id), array_agg(r.shape) into codes, shapes
  from import_row r where r.import_id = p_import and r.action = 'update' and antt_in_scope(r.target_id);
  if codes is null then
    return 0;
  end if;
  update commune c set geom = s.shape, label_point = ST_PointOnSurface(s.shape),
         area_km2 = ST_Area(s.shape::geography) / 1e6
  from unnest(codes, shapes) s(code, shape)
  where c.code = s.code;
  get diagnostics n = row_count;
  if n > 0 then
    perform compute_border_areas();
  end if;
  return n;
end $$;

-- The border distance of the villages import p_import created or moved, as the caller. Their codes are read
-- first, for the reason above (villages are a reference table on a cluster).
create or replace function import_village_border_distances(p_import uuid) returns void
language plpgsql as $$
declare
  codes text[] := array(select r.rec_id from import_row r
                        where r.import_id = p_import and r.action in ('create', 'update'));
begin
  update village v set border_distance_m = ST_Distance(v.point::geography, b.g)
  from (select ST_Union(geom)::geography as g from border_line) b
  where v.code = any (codes) and b.g is not null;
end $$;

-- A dry run whose staged rows were lost is expired, never committed as empty.
-- import_row is unlogged (migration 013): crash recovery empties it, on the server after a crash of
-- PostgreSQL and on the embedded database after the process was killed, while import_batch keeps saying
-- 'validated'. The batch records how many rows it staged, so a batch with fewer staged rows than that has
-- lost them; it must be run again. Computed where the status is read, so it holds whenever the loss occurs.
create or replace function import_status(p_id uuid, p_status text, p_rows integer)
returns text language sql stable as $$
  select case
    when p_status = 'validated' and p_rows <> (select count(*) from import_row r where r.import_id = p_id)
      then 'expired'
    else p_status
  end
$$;

-- Who may call what (the request roles of migration 012).
grant select on import_taxon_key to antt_reader;
revoke execute on function import_taken_ids(text, text[]) from public;
-- the editors', and a scenario's, which checks the village of a model it adds (migration 030)
grant execute on function import_taken_ids(text, text[]) to antt_editor, antt_scenario_reader;
revoke execute on function refresh_border_areas() from public;
grant execute on function refresh_border_areas() to antt_admin;
revoke execute on function import_replace_boundaries(uuid) from public;
grant execute on function import_replace_boundaries(uuid) to antt_admin;
grant execute on function import_commune_directory(), import_fold(text), import_bare(text), import_issue(text, text, text),
  import_issues(jsonb[]),
  set_model_statuses(text[], text[], date[], text[]), set_model_status(text, text, date, text) to antt_reader;
grant execute on function import_status(uuid, text, integer) to antt_reader;
grant execute on function import_village_border_distances(uuid) to antt_reader;
