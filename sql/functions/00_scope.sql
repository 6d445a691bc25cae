-- The scope tests of the row-level security policies (migration 012 and later). Applied before the numbered
-- migrations as well as with the other files (data/src/db/migrate.ts), because a policy needs its function when
-- it is created; so this file may use nothing that a migration creates.
--
-- antt.scope, set by the API for each request (api/src/auth/middleware.ts): '*' for the whole area, '' for
-- nothing, else the caller's commune codes separated by commas (codes hold no comma; the middleware admits
-- only [0-9A-Za-z_,*]).

-- A commune in the caller's scope. The code is looked up between commas in the scope's text: a policy calls
-- this for every row it reads, and splitting the scope into an array for each row cost about 7 µs a row with
-- a province's 99 codes, ten times the look-up (BENCHMARKS.md).
create or replace function antt_in_scope(p_commune text) returns boolean
language sql stable parallel safe as $$
  select case coalesce(current_setting('antt.scope', true), '')
           when '*' then true
           when '' then false
           else strpos(',' || current_setting('antt.scope', true) || ',', ',' || p_commune || ',') > 0
         end
$$;

-- The whole area in scope.
create or replace function antt_scope_all() returns boolean
language sql stable parallel safe as $$
  select coalesce(current_setting('antt.scope', true), '') = '*'
$$;
