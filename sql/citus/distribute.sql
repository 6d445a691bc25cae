-- Run once on a Citus coordinator, after the numbered migrations and sql/functions/ (data/src/db/citus.ts).
-- The choices and their reasons are in docs/scaling.md. The same schema as on one server, with three changes
-- a cluster needs: the keys of the fact tables name the province (a distributed table's unique keys must hold
-- its distribution column), the foreign keys between fact tables become composite (allowed between
-- co-located tables), and a model replicated from another province's model keeps the reference without a
-- foreign key (rows of two provinces live on different shards).

-- Citus connects to the workers as the role of the current transaction: the roles the app switches to (SET
-- LOCAL ROLE, migration 012) must log in there. Role changes are propagated to every node.
alter role antt_reader login;
alter role antt_reader_points login;
alter role antt_editor login;
alter role antt_admin login;
alter role antt_scenario_reader login;
alter role antt_scenario_reader_points login;

-- The database settings a cluster needs are in sql/citus/settings.sql (applied before this script, and again
-- on every migration); this transaction sets the ones it needs itself.
set local citus.propagate_set_commands = 'local';
set local citus.enable_unsafe_triggers = on;
set local citus.allow_nested_distributed_execution = on;

-- Citus cannot carry a policy with a subquery to the shards. The four that look their parent up (migration
-- 012) ask the same question of the row itself: a model's status rows and evaluations carry its commune
-- (migration 026); a village's rows ask through antt_village_visible() (migration 030) whether the village is
-- visible under its own row-level security (village is a reference table: every node reads its own copy).
-- Altered, not made anew, so that they keep their roles (the scenario roles of migration 030 write too).
do $$
declare
  spec text[];
begin
  foreach spec slice 1 in array array[
    ['village_area_class', 'antt_scope_all() or antt_village_visible(village_code)'],
    ['prestige_count', 'antt_scope_all() or antt_village_visible(village_code)'],
    ['security_model_status', 'antt_in_scope(commune_code)'],
    ['evaluation', 'antt_in_scope(commune_code)']
  ] loop
    execute format('alter policy scope_read on %I using (%s)', spec[1], spec[2]);
    execute format('alter policy scope_write on %I using (%s) with check (%s)', spec[1], spec[2], spec[2]);
  end loop;
end $$;

-- The foreign keys from the fact tables to units and taxonomies are set aside while the tables are
-- distributed and made again after: created with them, Citus would pull the fact tables into the coordinator's
-- metadata as local tables the moment their parents became reference tables.
create temporary table fact_foreign_key on commit drop as
select c.conrelid::regclass::text as tbl, c.conname, pg_get_constraintdef(c.oid) as def
from pg_constraint c
where c.contype = 'f'
  and c.conrelid::regclass::text in ('security_model', 'security_model_status', 'evaluation', 'incident',
    'outreach_session', 'safety_certification', 'funding_allocation', 'model_state_history',
    'model_radius_village', 'incident_month', 'incident_commune_month', 'commune_state_day')
  and c.confrelid <> 'security_model'::regclass;
do $$
declare r record;
begin
  for r in select * from fact_foreign_key loop
    execute format('alter table %I drop constraint %I', r.tbl, r.conname);
  end loop;
end $$;

-- Fact tables: keys with the province code.
alter table evaluation drop constraint evaluation_model_id_fkey;
alter table security_model_status drop constraint security_model_status_model_id_fkey;
alter table funding_allocation drop constraint funding_allocation_model_id_fkey;
alter table security_model drop constraint security_model_replicated_from_fkey;
alter table security_model drop constraint security_model_pkey;
alter table security_model add primary key (province_code, id);
alter table security_model_status drop constraint security_model_status_pkey;
alter table security_model_status add primary key (province_code, model_id, valid_from);
alter table evaluation drop constraint evaluation_pkey;
alter table evaluation add primary key (province_code, id);
alter table incident drop constraint incident_pkey;
alter table incident add primary key (province_code, id);
alter table outreach_session drop constraint outreach_session_pkey;
alter table outreach_session add primary key (province_code, id);
alter table safety_certification drop constraint safety_certification_pkey;
alter table safety_certification add primary key (province_code, id);
alter table funding_allocation drop constraint funding_allocation_pkey;
alter table funding_allocation add primary key (province_code, id);
-- the records are looked up by id alone too (detail, edits, imports)
create index security_model_id_idx on security_model (id);
create index evaluation_id_idx on evaluation (id);
create index incident_id_idx on incident (id);
create index outreach_session_id_idx on outreach_session (id);
create index safety_certification_id_idx on safety_certification (id);
create index funding_allocation_id_idx on funding_allocation (id);

-- Distributing copies each table's rows into its shards: they are already consistent with their
-- pre-aggregates and keys, so the copy fires no triggers (the triggers themselves are copied to the shards).
set local session_replication_role = replica;

-- Reference tables: units, border, taxonomies, accounts and roles; copied to every node, joined locally.
select create_reference_table(t)
from unnest(array['province', 'commune', 'legacy_district', 'legacy_commune', 'commune_crosswalk', 'village',
  'prestige_count', 'border_line', 'border_belt', 'border_feature', 'context_province', 'unit_tile_geom',
  'model_type', 'incident_category', 'lead_org', 'rating', 'area_class', 'commune_area_class',
  'village_area_class', 'coverage_standard', 'import_alias', 'app_role', 'permission', 'role_permission',
  'app_user', 'user_scope', 'user_province_scope']) as t;

-- Distributed by province, co-located: a province's models, their statuses and evaluations, its incidents
-- and the pre-aggregates of all of them sit on one shard, so joins between them stay on the worker.
select create_distributed_table('security_model', 'province_code', shard_count => 32);
select create_distributed_table(t, 'province_code', colocate_with => 'security_model')
from unnest(array['security_model_status', 'evaluation', 'incident', 'outreach_session', 'safety_certification',
  'funding_allocation', 'model_state_history', 'model_radius_village', 'incident_month', 'incident_commune_month',
  'table_change_province', 'commune_state_day'])
  as t;

set local session_replication_role = origin;

do $$
declare r record;
begin
  for r in select * from fact_foreign_key loop
    execute format('alter table %I add constraint %I %s', r.tbl, r.conname, r.def);
  end loop;
end $$;

alter table security_model_status add foreign key (province_code, model_id)
  references security_model (province_code, id) on delete cascade;
alter table evaluation add foreign key (province_code, model_id)
  references security_model (province_code, id) on delete cascade;
alter table funding_allocation add foreign key (province_code, model_id)
  references security_model (province_code, id);

-- Everything else (sessions, audit log, views, decks, alerts, plans, scenarios, import staging, change
-- counters) is the application's own state: it stays on the coordinator, in Citus's metadata so that
-- queries may join it to the tables above.
do $$
declare
  t text;
  -- by name, listed first: adding a table renames it to its shard (name_shardid) and makes a new table of
  -- that name; tables already added with a reference table they point to have shards of their own too
  local_tables text[] := array(
    select c.relname::text from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname <> 'spatial_ref_sys'
      and c.oid not in (select logicalrelid from pg_dist_partition)
      and c.relname not in (select shard_name(logicalrelid, shardid) from pg_dist_shard)
    order by c.relname);
begin
  foreach t in array local_tables loop
    -- a table tied to others by foreign keys is added with them
    if not exists (select 1 from pg_dist_partition where logicalrelid = t::regclass) then
      perform citus_add_local_table_to_metadata(t, cascade_via_foreign_keys => true);
    end if;
  end loop;
end $$;

-- The grant of sql/functions/08_imports.sql on import_taxon_key is gone once the tables it reads (the
-- taxonomies, import_alias) are reference tables (seen with Citus 13.2.2): the imports read it as the caller.
grant select on import_taxon_key to antt_reader;
