-- What-if scenarios (/api/scenarios): a named list of changes to the records — a new model of a type at a
-- village, a model dissolved, an evaluation done, a unit cost changed — that is never written to them.
--
-- A request with `scenario=<id>` makes the changes inside a savepoint of its own transaction, as the caller's
-- scope allows, runs the same metric, priority, layer and plan SQL as any other request, and rolls the
-- savepoint back before it answers (api/src/services/scenarios/apply.ts): one definition of every figure, and
-- nothing stored. `changes` is checked by the API (zod, then against the records in the caller's scope).
--
-- Saved per user (owner = the account's user name, as saved views keep created_by); `shared` lets the other
-- accounts that may plan open it. Who may see which is decided by the API, which admits only the `plan`
-- permission to these routes and these requests.

create table scenario (
  id serial primary key,
  name text not null check (length(name) between 1 and 200),
  description text not null default '' check (length(description) <= 2000),
  shared boolean not null default false,
  changes jsonb not null check (jsonb_typeof(changes) = 'array' and jsonb_array_length(changes) <= 500),
  -- the plan it was made from (POST /api/scenarios with from_plan), kept for the record
  from_plan jsonb,
  owner text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index scenario_owner_idx on scenario (owner);

grant select, insert, update, delete on scenario to antt_reader;
grant usage on sequence scenario_id_seq to antt_reader;

-- Inside a scenario's savepoint the change counters are left alone: touch_table_change() in
-- sql/functions/00_triggers.sql.
