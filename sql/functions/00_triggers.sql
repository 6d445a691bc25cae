-- Trigger functions and the triggers that call them: created (or replaced) with the other functions, after
-- the numbered migrations, so each is defined here only. A new table the dashboard reads joins the list below.

-- The relation that holds p_table's rows beside those of p_relation, the relation a trigger fires on. On a Citus
-- cluster the triggers of a distributed table fire on its shards (evaluation_102040), on the worker that holds
-- them: the co-located shard of another distributed table holds the same provinces, and a reference table has
-- a copy (its one shard) on every node. A trigger that reads and writes those shards by name stays on its own
-- node and inside its own transaction; through the distributed tables it would start a distributed query
-- from the worker (nested distributed execution, which Citus calls unsafe). Anywhere else (a plain server,
-- the embedded database, a trigger on the table itself) p_table is its own relation.
create or replace function colocated_relation(p_relation text, p_table text) returns text
language plpgsql stable as $$
declare
  shard bigint := substring(p_relation from '_([0-9]+)$')::bigint;
  found text;
begin
  if shard is null or to_regclass('pg_catalog.pg_dist_shard') is null then
    return quote_ident(p_table);
  end if;
  execute $q$
    select shard_name(t.logicalrelid, t.shardid)
    from pg_dist_shard s
    join pg_dist_shard t on t.logicalrelid = $2::regclass
                        and (t.shardminvalue is null or t.shardminvalue = s.shardminvalue)
    where s.shardid = $1 and shard_name(s.logicalrelid, s.shardid) = $3$q$
  into found using shard, p_table, p_relation;
  return coalesce(found, quote_ident(p_table));
end $$;

-- The shards of distributed table p_table whose placement is on this node, by name: on a Citus cluster the
-- triggers of a reference table (the units, the taxonomies) fire on its copy on every node, and what they keep
-- up to date in the distributed tables each node does in its own shards, so that every shard is kept once and
-- no node starts a distributed query (the copies' triggers did, and deadlocked on each other's rows). None on
-- a node that holds no shard (the coordinator, as a rule), nor anywhere without the Citus catalog.
create or replace function local_shards(p_table text) returns setof text
language plpgsql stable as $$
begin
  if to_regclass('pg_catalog.pg_dist_placement') is null then
    return;
  end if;
  return query execute $q$
    select shard_name(s.logicalrelid, s.shardid)::text
    from pg_catalog.pg_dist_shard s
    join pg_catalog.pg_dist_placement p on p.shardid = s.shardid
    where s.logicalrelid = $1::regclass and p.groupid = (select groupid from pg_catalog.pg_dist_local_group)
    order by s.shardid$q$ using p_table;
end $$;

-- The relations beside which a statement trigger on p_relation (its TG_TABLE_NAME) keeps the pre-aggregates of
-- the models (10_aggregates.sql): the table itself (null: the refresh functions' default) where the trigger
-- fires on the table (a plain server, the embedded database); on a copy of a reference table on a Citus
-- cluster, this node's shards of the models, each with its co-located pre-aggregates (local_shards()).
create or replace function upkeep_relations(p_relation text) returns setof text
language plpgsql stable as $$
begin
  if p_relation = logical_table_name(p_relation) then
    return next null;
    return;
  end if;
  return query select local_shards('security_model');
end $$;

-- Whether p_table is a distributed table of a Citus cluster (its rows in shards on the workers); false on a
-- plain server and on the embedded database, which have no Citus catalog.
create or replace function is_distributed(p_table text) returns boolean
language plpgsql stable as $$
begin
  if to_regclass('pg_catalog.pg_dist_partition') is null then
    return false;
  end if;
  return exists (select 1 from pg_catalog.pg_dist_partition where logicalrelid = p_table::regclass and partmethod = 'h');
end $$;

-- The table a relation is, or is a shard of: on a Citus cluster a trigger fires on a shard, named after its
-- table and shard id (incident_102008). No table of the schema ends in _<digits>.
create or replace function logical_table_name(p_relation text) returns text
language sql immutable as $$
  select regexp_replace(p_relation, '_[0-9]+$', '')
$$;

-- The statement triggers that keep something derived from p_table up to date: p_upkeep after each insert,
-- update and delete, given the rows the statement wrote as the transition tables new_rows and old_rows (those
-- the event has), and p_truncate, when there is one, after a truncate; named p_name_insert, …_update, …_delete
-- and …_truncate. Created or replaced, so the files that call it can be applied again.
create or replace function create_upkeep_triggers(p_table text, p_name text, p_upkeep text, p_truncate text)
returns void
language plpgsql as $$
begin
  execute format('create or replace trigger %I after insert on %I referencing new table as new_rows
    for each statement execute function %I()', p_name || '_insert', p_table, p_upkeep);
  execute format('create or replace trigger %I after update on %I referencing old table as old_rows new table as new_rows
    for each statement execute function %I()', p_name || '_update', p_table, p_upkeep);
  execute format('create or replace trigger %I after delete on %I referencing old table as old_rows
    for each statement execute function %I()', p_name || '_delete', p_table, p_upkeep);
  if p_truncate is not null then
    execute format('create or replace trigger %I after truncate on %I for each statement execute function %I()',
                   p_name || '_truncate', p_table, p_truncate);
  end if;
end $$;

-- The query that lists the keys (column p_key) of the rows a statement's upkeep trigger was given, for the
-- trigger to EXECUTE: only the trigger function itself sees its transition tables new_rows and old_rows. An
-- insert or a delete gives every row it wrote; an update the rows whose key came or went, or for which
-- p_changed holds, an expression over the row as written (n) and as it was (o).
create or replace function written_keys_query(p_op text, p_key text, p_changed text) returns text
language sql immutable as $$
  select case p_op
    when 'INSERT' then format('select array_agg(%I) from new_rows', p_key)
    when 'DELETE' then format('select array_agg(%I) from old_rows', p_key)
    else format('select array_agg(coalesce(n.%1$I, o.%1$I)) from new_rows n full join old_rows o on o.%1$I = n.%1$I
                 where n.%1$I is null or o.%1$I is null or (%2$s)', p_key, p_changed)
  end
$$;

-- The change counters (table_change, migration 001) behind the freshness report and every cache.
-- A scenario's changes are not a change of the data: inside the savepoint the setting antt.scenario is set,
-- and the counters are left alone. Touching them would make
-- the rolled-back figures look like a new data version to the caches, and lock the counter row, so that
-- every other writer and scenario waited for the request to end.
create or replace function touch_table_change() returns trigger
language plpgsql as $$
declare
  tbl text := logical_table_name(TG_TABLE_NAME);
begin
  if coalesce(current_setting('antt.scenario', true), '') <> '' then
    return null;
  end if;
  if TG_TABLE_NAME <> tbl then
    perform touch_shard_change(TG_TABLE_NAME);
    return null;
  end if;
  insert into table_change as t (table_name, changed_at, version) values (tbl, now(), 1)
  -- excluded.changed_at is the now() above: Citus takes no function but an immutable one in DO UPDATE
  on conflict (table_name) do update set changed_at = excluded.changed_at, version = t.version + 1;
  return null;
end $$;

-- The change counter of a trigger that fires on a shard p_shard (a Citus cluster): a shard of a distributed
-- table counts in the co-located shard of table_change_province (migration 028), under a province that
-- shard holds, so that nothing leaves the worker; a reference table's copies all fire, and the coordinator's
-- copy alone counts, in table_change, which is the coordinator's own.
create or replace function touch_shard_change(p_shard text) returns void
language plpgsql security definer set search_path = public as $$
declare
  tbl text := logical_table_name(p_shard);
  counters text := colocated_relation(p_shard, 'table_change_province');
  province text;
  coordinator boolean;
begin
  if counters = quote_ident('table_change_province') then
    execute 'select groupid = 0 from pg_dist_local_group' into coordinator;
    if coordinator then
      insert into table_change as t (table_name, changed_at, version) values (tbl, now(), 1)
      on conflict (table_name) do update set changed_at = excluded.changed_at, version = t.version + 1;
    end if;
    return;
  end if;
  execute format('select min(p.code) from %s p
                  where get_shard_id_for_distribution_column(%L, p.code) = $1',
                 colocated_relation(p_shard, 'province'), 'table_change_province')
  into province using substring(counters from '_([0-9]+)$')::bigint;
  if province is null then
    return; -- a shard that holds no province holds no rows
  end if;
  execute format('insert into %s as t (province_code, table_name, changed_at, version) values ($1, $2, now(), 1)
                  on conflict (province_code, table_name)
                  do update set changed_at = excluded.changed_at, version = t.version + 1', counters)
  using province, tbl;
end $$;

-- Every table a dashboard reads reports when it changed (freshness, tile cache).
do $$
declare t text;
begin
  foreach t in array array['province', 'commune', 'legacy_commune', 'legacy_district', 'commune_crosswalk',
    'village', 'prestige_count', 'border_line', 'border_belt', 'border_feature', 'model_type',
    'incident_category', 'lead_org', 'rating', 'area_class', 'commune_area_class', 'village_area_class',
    'security_model', 'security_model_status', 'evaluation', 'incident', 'outreach_session',
    'safety_certification', 'funding_allocation', 'coverage_standard', 'context_province']
  loop
    execute format('create or replace trigger %I after insert or update or delete or truncate on %I
      for each statement execute function touch_table_change()', t || '_touch', t);
  end loop;
end $$;

-- An evaluation cannot predate the model it rates.
create or replace function check_evaluation_date() returns trigger
language plpgsql as $$
declare founded date;
begin
  -- with its province when known; on a Citus cluster the trigger fires on the evaluation's shard and reads the
  -- co-located shard of the models (colocated_relation())
  if TG_TABLE_NAME = 'evaluation' then
    select founded_on into founded from security_model
    where id = new.model_id and (new.province_code is null or province_code = new.province_code);
  else
    execute format('select founded_on from %s where id = $1 and ($2::text is null or province_code = $2)',
                   colocated_relation(TG_TABLE_NAME, 'security_model'))
    into founded using new.model_id, new.province_code;
  end if;
  if founded is not null and new.evaluated_on < founded then
    raise exception 'evaluation % on % is before the model was founded on %', new.id, new.evaluated_on, founded
      using errcode = '23514';
  end if;
  return new;
end $$;
create or replace trigger evaluation_date_check before insert or update on evaluation
  for each row execute function check_evaluation_date();
