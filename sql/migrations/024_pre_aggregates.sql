-- Pre-aggregates behind unit_metrics() (sql/functions/03_metrics.sql), so that a national query for a period
-- never asked before reads a few hundred thousand small rows instead of every model's status history and
-- evaluations and every incident of the period. Both are kept exact by triggers on their source tables, in the
-- statement that writes those (edits, imports, scenarios, the seed alike): sql/functions/10_aggregates.sql.
--
-- model_state_interval: per model, the spans of time over which its state as defined by
-- security_model_state() (sql/functions/02_model_state.sql) does not change: status, last rating and date of
-- the last evaluation, from the day it was founded. A span starts at the founding, a status row's valid_from
-- or valid_to, or an evaluation; the last span is open (valid_to null). The model's own columns the metrics
-- filter and group by are copied, so a query reads this table alone.
create table model_state_interval (
  model_id text not null,
  valid_from date not null,
  valid_to date,
  commune_code text not null,
  village_code text,
  type_code text not null,
  lead_org_code text not null,
  exemplary boolean not null,
  founded_on date not null,
  status text not null,
  last_rating text,
  last_evaluated_on date,
  primary key (model_id, valid_from),
  check (valid_to is null or valid_to > valid_from)
);
-- "the state at a date": the spans containing it
create index model_state_interval_span_idx on model_state_interval
  using gist (daterange(valid_from, valid_to, '[)'));

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
alter table model_state_interval enable row level security;
create policy scope_read on model_state_interval for select to antt_reader using (antt_in_scope(commune_code));
alter table incident_month enable row level security;
create policy scope_read on incident_month for select to antt_reader using (antt_in_scope(commune_code));
grant select on model_state_interval, incident_month to antt_reader;

-- Models dissolved within a period (dissolved_models)
create index security_model_dissolved_idx on security_model (dissolved_on) where dissolved_on is not null;
