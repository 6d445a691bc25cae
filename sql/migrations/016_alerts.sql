-- Alerts: rules as data, episodes (one per rule, unit and spell of the condition), who has read what, and
-- the evaluation runs (so the daily run after a restart knows what it missed).
--
-- A rule's condition is one of the built-in conditions evaluated by api/src/alerts/conditions.ts; `threshold`
-- is its one parameter (a share 0–1, a count or a number of months, see there). `area` is {"all": true},
-- {"classes": [area class codes]} or {"communes": [commune codes]}; `notify` is {"roles": [...], "users":
-- [user names], "emails": [addresses]} (e-mail only when an SMTP server is configured).
--
-- An episode opens (fires) when the condition starts to hold for a unit and closes (clears) when it stops;
-- while it holds nothing new is written, so a rule fires once per unit and episode. Episodes carry the unit's
-- commune, and row-level security shows a caller only the episodes of communes in scope, as for records.

create table alert_rule (
  id serial primary key,
  name text not null check (length(name) between 1 and 200),
  condition text not null check (condition in ('village_coverage_below', 'population_covered_below',
    'overdue_evaluations_above', 'hot_spot_emerging', 'incident_spike', 'exemplary_dissolved',
    'no_outreach_months')),
  threshold double precision not null,
  area jsonb not null,
  level text not null check (level in ('commune', 'village')),
  notify jsonb not null,
  enabled boolean not null default true,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table alert_episode (
  id bigserial primary key,
  rule_id integer not null references alert_rule (id) on delete cascade,
  unit_code text not null,
  commune_code text not null references commune (code),
  fired_at timestamptz not null default now(),
  cleared_at timestamptz,
  -- the figures that triggered it, as evaluated (counts are disclosed per caller when read)
  figures jsonb not null,
  -- the date the data was evaluated at (the last date of data, or today if earlier)
  as_of date not null,
  check (cleared_at is null or cleared_at >= fired_at)
);
create unique index alert_episode_open_idx on alert_episode (rule_id, unit_code) where cleared_at is null;
create index alert_episode_fired_idx on alert_episode (fired_at desc);
create index alert_episode_commune_idx on alert_episode (commune_code);

create table alert_read (
  episode_id bigint not null references alert_episode (id) on delete cascade,
  user_id integer not null references app_user (id) on delete cascade,
  read_at timestamptz not null default now(),
  primary key (episode_id, user_id)
);

create table alert_run (
  id bigserial primary key,
  -- 'daily' (the schedule), 'records' (after an edit or import), 'manual' (POST /api/alerts/evaluate)
  kind text not null check (kind in ('daily', 'records', 'manual')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  as_of date,
  communes text[],
  fired integer,
  cleared integer
);
create index alert_run_kind_idx on alert_run (kind, started_at desc);

insert into permission (code, description) values
  ('manage_alerts', 'alert rules: create, change, delete');
insert into role_permission (role_code, permission_code) values
  ('admin', 'manage_alerts'), ('leader', 'manage_alerts');

grant select on alert_rule, alert_episode, alert_run to antt_reader;
grant select, insert, delete on alert_read to antt_reader;
-- Leaders (antt_reader_points) manage rules; the route permission manage_alerts keeps planners out.
grant insert, update, delete on alert_rule to antt_reader_points;
grant usage on sequence alert_rule_id_seq to antt_reader_points;
grant insert, update on alert_episode, alert_run to antt_admin;
grant usage on sequence alert_episode_id_seq, alert_run_id_seq to antt_admin;

alter table alert_episode enable row level security;
create policy scope_read on alert_episode for select to antt_reader using (antt_in_scope(commune_code));
create policy scope_write on alert_episode for all to antt_admin
  using (antt_in_scope(commune_code)) with check (antt_in_scope(commune_code));
