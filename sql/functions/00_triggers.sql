-- Trigger functions and the triggers that call them: created (or replaced) with the other functions, after
-- the numbered migrations, so each is defined here only. A new table the dashboard reads joins the list below.

-- The change counters (table_change, migration 001) behind the freshness report and every cache.
-- A scenario's changes are not a change of the data: inside the savepoint the setting antt.scenario is set,
-- and the counters are left alone. Touching them would make
-- the rolled-back figures look like a new data version to the caches, and lock the counter row, so that
-- every other writer and scenario waited for the request to end.
create or replace function touch_table_change() returns trigger
language plpgsql as $$
begin
  if coalesce(current_setting('antt.scenario', true), '') <> '' then
    return null;
  end if;
  insert into table_change as t (table_name, changed_at, version) values (TG_TABLE_NAME, now(), 1)
  -- excluded.changed_at is the now() above: Citus takes no function but an immutable one in DO UPDATE
  on conflict (table_name) do update set changed_at = excluded.changed_at, version = t.version + 1;
  return null;
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
  -- with its province when known: on a Citus cluster the look-up then stays on the evaluation's shard
  select founded_on into founded from security_model
  where id = new.model_id and (new.province_code is null or province_code = new.province_code);
  if founded is not null and new.evaluated_on < founded then
    raise exception 'evaluation % on % is before the model was founded on %', new.id, new.evaluated_on, founded
      using errcode = '23514';
  end if;
  return new;
end $$;
create or replace trigger evaluation_date_check before insert or update on evaluation
  for each row execute function check_evaluation_date();
