-- Pre-aggregates behind unit_metrics() (sql/functions/03_metrics.sql), so that a national query for a period
-- never asked before reads a few hundred thousand small rows instead of every model's status history and
-- evaluations, every incident of the period and a spatial join of cameras and villages. All are kept exact by
-- triggers on their source tables, in the statement that writes those (edits, imports, scenarios, the seed
-- alike): sql/functions/10_aggregates.sql.
--
-- model_state_history: per model, the spans of time over which its state as defined by
-- security_model_state() (sql/functions/02_model_state.sql) does not change, as arrays in date order: a span
-- starts (starts[k]) at the founding, a status row's valid_from or valid_to, or an evaluation, and lasts to
-- the next start; the last one is open. statuses[k], ratings[k] and evaluated[k] are the status, last rating
-- and date of the last evaluation during span k, so the state at a date d is element width_bucket(d, starts)
-- (none when d is before the founding). One row per model: a national query reads 327,000 small rows. The
-- model's own columns the metrics filter and group by are copied, so a query reads this table alone.
create table model_state_history (
  model_id text primary key,
  commune_code text not null,
  village_code text,
  type_code text not null,
  lead_org_code text not null,
  exemplary boolean not null,
  founded_on date not null,
  starts date[] not null,
  statuses text[] not null,
  ratings text[] not null,
  evaluated date[] not null,
  check (starts[1] = founded_on and cardinality(starts) = cardinality(statuses)
         and cardinality(starts) = cardinality(ratings) and cardinality(starts) = cardinality(evaluated))
);

-- model_radius_village: the (model, village) pairs of radius_model_villages() (sql/functions/02_model_state.sql),
-- the villages within a radius model's (camera's) radius, which do not depend on the period. Read only through
-- that function, which returns ids for callers to join to the rows their scope lets them see.
create table model_radius_village (
  model_id text not null,
  village_code text not null,
  primary key (model_id, village_code)
);
create index model_radius_village_village_idx on model_radius_village (village_code);

-- incident_month: incidents per commune, category and calendar month (month = its first day).
create table incident_month (
  commune_code text not null,
  category_code text not null,
  month date not null check (extract(day from month) = 1),
  n integer not null check (n >= 0),
  primary key (month, commune_code, category_code)
);

-- The same scope as their source tables (migration 012): a model's spans and a commune's counts are seen only
-- by callers who see the commune. Nothing writes them but the triggers, which run as the owner.
alter table model_state_history enable row level security;
create policy scope_read on model_state_history for select to antt_reader using (antt_in_scope(commune_code));
alter table model_radius_village enable row level security;
alter table incident_month enable row level security;
create policy scope_read on incident_month for select to antt_reader using (antt_in_scope(commune_code));
grant select on model_state_history, incident_month to antt_reader;

-- Models dissolved within a period (dissolved_models)
create index security_model_dissolved_idx on security_model (dissolved_on) where dissolved_on is not null;
