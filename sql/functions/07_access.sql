-- The date range of all incidents, whatever the caller's scope (dates only, nothing sensitive).
create or replace function data_range() returns table (first_date date, last_date date)
language sql stable security definer set search_path = public as $$
  select min(occurred_on), max(occurred_on) from incident
$$;

-- The provinces of the caller's scope (antt.scope, migration 012), or null when it names no communes (the whole
-- area, or no scope set: the owner's own queries, or none at all under row-level security). Row-level
-- security decides what a query sees; a query that also names these provinces is sent by a Citus cluster to
-- their shards only (a router query for a provincial or commune scope). The connections plan each statement
-- for its own values (data/src/db/types.ts), so `provinces is null or …` folds away for a whole-area scope.
create or replace function antt_scope_provinces() returns text[]
language sql stable parallel safe as $$
  select case when coalesce(current_setting('antt.scope', true), '') in ('', '*') then null
              else coalesce((select array_agg(distinct c.province_code) from commune c
                             where c.code = any (string_to_array(current_setting('antt.scope', true), ','))),
                            '{}')
         end
$$;

-- A user's scope as commune codes: the communes named in user_scope and every commune of the provinces named
-- in user_province_scope (migration 022); null when neither names any, the whole area. Row-level security
-- tests commune codes only (antt_in_scope), so a provincial scope is expanded here, at sign-in.
create or replace function user_scope_communes(p_user integer) returns text[]
language sql stable as $$
  select array_agg(code order by code)
  from (
    select s.commune_code as code from user_scope s where s.user_id = p_user
    union
    select c.code from user_province_scope ps join commune c on c.province_code = ps.province_code
    where ps.user_id = p_user
  ) scoped
$$;
