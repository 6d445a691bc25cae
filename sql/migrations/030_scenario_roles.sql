-- One database role for the whole of a what-if scenario's transaction (api/src/services/scenarios/apply.ts).
--
-- A scenario writes its changes inside a savepoint and then computes the figures (migration 020). The writes
-- ran as antt_editor and the reads as the caller's role; a Citus cluster connects to the workers once per
-- role and refuses to read shards that another role's connection wrote in the same transaction. So a
-- scenario now runs as one role throughout: the caller's own when it may write records (antt_editor,
-- antt_admin), else one of these two, which read exactly what the caller's role reads and may write the
-- records a scenario changes, within the caller's commune scope:
--   antt_scenario_reader         antt_reader + those writes (for a role of aggregates only that may plan)
--   antt_scenario_reader_points  antt_reader_points + those writes
-- No account is given them (app_role.db_role names the four roles of migration 012): the API takes them on
-- inside a scenario's savepoint only, and rolling the savepoint back takes the role back with the writes.

do $$
declare r text;
begin
  foreach r in array array['antt_scenario_reader', 'antt_scenario_reader_points'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      execute format('create role %I nologin', r);
    end if;
  end loop;
end $$;
grant antt_reader to antt_scenario_reader;
grant antt_reader_points to antt_scenario_reader_points;
grant antt_scenario_reader to antt_scenario_reader_points;
do $$
begin
  execute format('grant antt_scenario_reader_points to %I', current_user);
exception when others then null; -- a superuser already may SET ROLE to anything
end $$;

-- The writes of a scenario: a new model, a status change, an evaluation (set_model_status() and the inserts of
-- apply.ts), a unit cost. No delete. model_type_cost is not scoped (migration 019: planners change it).
grant insert, update on security_model, security_model_status, evaluation, model_type_cost to antt_scenario_reader;

-- Confined as an editor's writes are: the same policies (migration 012; their expressions on a Citus cluster
-- are those of sql/citus/distribute.sql, which keeps the roles named here).
alter policy scope_write on security_model to antt_editor, antt_scenario_reader;
alter policy scope_write on security_model_status to antt_editor, antt_scenario_reader;
alter policy scope_write on evaluation to antt_editor, antt_scenario_reader;

-- A village is visible under its own row-level security: the policies of a village's rows ask through this
-- function on a Citus cluster, which carries no policy with a subquery to the shards (sql/citus/distribute.sql
-- made it there before this migration).
create or replace function antt_village_visible(p_village text) returns boolean
language plpgsql stable as $$
begin
  return exists (select 1 from village where code = p_village);
end $$;
grant execute on function antt_village_visible(text) to antt_reader;

-- radius_model_villages() now runs as its caller (sql/functions/02_model_state.sql): a function that runs as
-- its owner reaches a cluster's shards as another role than the scenario's writes. The caller reads the pairs
-- of the villages it sees, which are the only ones the metrics join them to.
grant select on model_radius_village to antt_reader;
drop policy if exists scope_read on model_radius_village;
do $$
begin
  if exists (select 1 from pg_extension where extname = 'citus') then
    create policy scope_read on model_radius_village for select to antt_reader
      using (antt_scope_all() or antt_village_visible(village_code));
  else
    create policy scope_read on model_radius_village for select to antt_reader
      using (antt_scope_all() or village_code in (select code from village));
  end if;
end $$;

-- A cluster whose tables are already distributed: Citus connects to the workers as the role of the
-- transaction, so these roles log in too (a new cluster's roles are made to by sql/citus/distribute.sql).
do $$
begin
  if to_regclass('pg_catalog.pg_dist_partition') is not null then
    if exists (select 1 from pg_dist_partition where logicalrelid = 'security_model'::regclass) then
      alter role antt_scenario_reader login;
      alter role antt_scenario_reader_points login;
    end if;
  end if;
end $$;
