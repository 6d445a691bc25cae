-- Accounts, roles, commune scopes, sessions, audit log, and row-level security.
--
-- Every API request runs in one transaction as one of four database roles (SET LOCAL ROLE), with the
-- caller's commune scope in the setting `antt.scope` ('*' = whole province, else comma-separated codes):
--   antt_reader         reads everything in scope except individual incident locations (incident.point)
--   antt_reader_points  antt_reader + incident locations
--   antt_editor         antt_reader_points + writes to the records tables, within scope
--   antt_admin          antt_editor + accounts, sessions and audit log
-- Row-level security filters every scoped table by `antt.scope`, so metrics, detail, search, tiles, exports and
-- statistics all see the same rows. An unset scope sees nothing (fail closed).
-- On a server the migrating user needs CREATEROLE (or a DBA creates these four roles beforehand).

do $$
declare r text;
begin
  foreach r in array array['antt_reader', 'antt_reader_points', 'antt_editor', 'antt_admin'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      execute format('create role %I nologin', r);
    end if;
  end loop;
end $$;
grant antt_reader to antt_reader_points;
grant antt_reader_points to antt_editor;
grant antt_editor to antt_admin;
do $$
begin
  execute format('grant antt_admin to %I', current_user);
exception when others then null; -- a superuser already may SET ROLE to anything
end $$;

create table app_role (
  code text primary key,
  name_vi text not null,
  name_en text not null,
  db_role text not null check (db_role in ('antt_reader', 'antt_reader_points', 'antt_editor', 'antt_admin')),
  sort integer not null default 0
);

create table permission (
  code text primary key,
  description text not null
);

create table role_permission (
  role_code text not null references app_role (code) on delete cascade,
  permission_code text not null references permission (code) on delete cascade,
  primary key (role_code, permission_code)
);

insert into permission (code, description) values
  ('read_aggregates', 'maps, metrics, statistics and density of incidents (counts below the minimum suppressed)'),
  ('read_records', 'individual security models, evaluations, outreach sessions'),
  ('read_incident_points', 'individual incident records and locations'),
  ('plan', 'priority weights and plans'),
  ('manage_views', 'saved views, decks and presentations'),
  ('export', 'PNG, PDF, XLSX and CSV exports'),
  ('edit_records', 'create and edit records, bulk import, within scope'),
  ('manage_users', 'accounts, roles and scopes'),
  ('read_audit', 'the audit log');

insert into app_role (code, name_vi, name_en, db_role, sort) values
  ('admin', 'Quản trị', 'Administrator', 'antt_admin', 1),
  ('leader', 'Lãnh đạo', 'Leader', 'antt_reader_points', 2),
  ('planner', 'Tham mưu, kế hoạch', 'Planner', 'antt_reader_points', 3),
  ('briefer', 'Báo cáo viên', 'Briefer', 'antt_reader', 4),
  ('steward', 'Cán bộ cập nhật dữ liệu', 'Data steward', 'antt_editor', 5),
  ('viewer', 'Người xem', 'Viewer', 'antt_reader', 6);

insert into role_permission (role_code, permission_code)
select 'admin', code from permission
union all select 'leader', p from unnest(array['read_aggregates', 'read_records', 'read_incident_points', 'export']) p
union all select 'planner', p from unnest(array['read_aggregates', 'read_records', 'read_incident_points', 'plan', 'export']) p
union all select 'briefer', p from unnest(array['read_aggregates', 'manage_views', 'export']) p
union all select 'steward', p from unnest(array['read_aggregates', 'read_records', 'read_incident_points', 'edit_records', 'export']) p
union all select 'viewer', 'read_aggregates';

create table app_user (
  id serial primary key,
  username text not null unique check (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name text not null,
  role_code text not null references app_role (code),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  disabled boolean not null default false,
  failed_attempts integer not null default 0 check (failed_attempts >= 0),
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  created_by text
);

-- No rows = the whole province.
create table user_scope (
  user_id integer not null references app_user (id) on delete cascade,
  commune_code text not null references commune (code),
  primary key (user_id, commune_code)
);

create table app_session (
  token_hash text primary key,
  user_id integer not null references app_user (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  check (expires_at > created_at)
);
create index app_session_user_idx on app_session (user_id);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_id integer,
  username text,
  action text not null,
  target text,
  details jsonb not null default '{}',
  ip text
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_action_idx on audit_log (action, at desc);

-- The scope tests used by every policy, antt_in_scope() and antt_scope_all(): sql/functions/00_scope.sql,
-- applied before the migrations.

-- Read grants. incident.point is left out for antt_reader and granted to antt_reader_points.
grant usage on schema public to antt_reader;
do $$
declare t text;
begin
  for t in select tablename from pg_tables where schemaname = 'public'
           and tablename not in ('incident', 'app_user', 'user_scope', 'app_session', 'audit_log', 'schema_migration') loop
    execute format('grant select on %I to antt_reader', t);
  end loop;
end $$;
grant select (id, category_code, occurred_on, commune_code, village_code, severity, precision, summary) on incident to antt_reader;
grant select on incident to antt_reader_points;
grant select on app_role, permission, role_permission to antt_reader;
grant insert on audit_log to antt_reader;
grant usage on sequence audit_log_id_seq to antt_reader;
grant execute on all functions in schema public to antt_reader;

-- Writes to records, for stewards (scope-checked by the policies below).
grant insert, update, delete on security_model, security_model_status, evaluation, incident, outreach_session,
  safety_certification, funding_allocation, prestige_count, village, village_area_class to antt_editor;
grant insert, update on table_change to antt_reader;

grant select, insert, update, delete on app_user, user_scope, app_session, audit_log to antt_admin;
grant usage on sequence app_user_id_seq to antt_admin;

-- Row-level security: one policy per scoped table. Owners (the migrating user) are not subject to it.
do $$
declare
  spec text[];
begin
  foreach spec slice 1 in array array[
    ['commune', 'antt_in_scope(code)'],
    ['village', 'antt_in_scope(commune_code)'],
    ['commune_area_class', 'antt_in_scope(commune_code)'],
    ['village_area_class', 'antt_scope_all() or village_code in (select code from village)'],
    ['prestige_count', 'antt_scope_all() or village_code in (select code from village)'],
    ['security_model', 'antt_in_scope(commune_code)'],
    ['security_model_status', 'antt_scope_all() or model_id in (select id from security_model)'],
    ['evaluation', 'antt_scope_all() or model_id in (select id from security_model)'],
    ['incident', 'antt_in_scope(commune_code)'],
    ['outreach_session', 'antt_in_scope(commune_code)'],
    ['safety_certification', 'antt_in_scope(commune_code)'],
    ['funding_allocation', 'antt_in_scope(commune_code)']
  ] loop
    execute format('alter table %I enable row level security', spec[1]);
    execute format('create policy scope_read on %I for select to antt_reader using (%s)', spec[1], spec[2]);
    execute format('create policy scope_write on %I for all to antt_editor using (%s) with check (%s)', spec[1], spec[2], spec[2]);
  end loop;
end $$;

