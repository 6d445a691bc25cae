-- The province code of the fact tables and pre-aggregates (migration 026), filled from the commune or the
-- model when a writer leaves it out, and followed when a record moves to another commune; likewise the
-- commune of a model's status rows and evaluations. A code that
-- disagrees with the commune is refused: on a Citus cluster the row would sit in another province's shard.
create or replace function fill_province_code() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  code text;
  model_commune text;
  moved boolean := TG_OP = 'INSERT';
  -- the table's own name: on a Citus cluster the trigger fires on a shard (evaluation_102040), where the
  -- look-ups below read the co-located shard of the models and the node's copy of the communes
  tbl text := logical_table_name(TG_TABLE_NAME);
  on_shard boolean := TG_TABLE_NAME <> logical_table_name(TG_TABLE_NAME);
begin
  -- each branch names only the columns its tables have (PL/pgSQL resolves new.x when it runs)
  if tbl in ('security_model_status', 'evaluation', 'model_radius_village') then
    if TG_OP = 'UPDATE' then
      moved := new.model_id is distinct from old.model_id;
    end if;
    -- a status row or evaluation carries its model's commune too (migration 026); the model is looked up with
    -- the province when the writer names it, which on a Citus cluster keeps the look-up on the row's shard
    if moved or new.province_code is distinct from old.province_code
       or (tbl <> 'model_radius_village' and to_jsonb(new) ->> 'commune_code' is null) then
      if on_shard then
        execute format('select m.province_code, m.commune_code from %s m
                        where m.id = $1 and ($2::text is null or m.province_code = $2)',
                       colocated_relation(TG_TABLE_NAME, 'security_model'))
        into code, model_commune using new.model_id, new.province_code;
      else
        select m.province_code, m.commune_code into code, model_commune from security_model m
        where m.id = new.model_id and (new.province_code is null or m.province_code = new.province_code);
      end if;
    end if;
    if tbl <> 'model_radius_village' then
      if moved or new.commune_code is null then
        new.commune_code := coalesce(model_commune, new.commune_code);
      end if;
    end if;
  else
    if TG_OP = 'UPDATE' then
      moved := new.commune_code is distinct from old.commune_code;
    end if;
    if moved or new.province_code is distinct from old.province_code then
      if on_shard then
        execute format('select c.province_code from %s c where c.code = $1',
                       colocated_relation(TG_TABLE_NAME, 'commune'))
        into code using new.commune_code;
      else
        select c.province_code into code from commune c where c.code = new.commune_code;
      end if;
    end if;
  end if;
  if code is null then
    return new;
  end if;
  if new.province_code is null or (TG_OP = 'UPDATE' and new.province_code = old.province_code) then
    new.province_code := code;
  elsif new.province_code <> code then
    raise exception '% row names province % but belongs to province %', tbl, new.province_code, code
      using errcode = '23514';
  end if;
  return new;
end $$;

do $$
declare t text;
begin
  foreach t in array array['security_model', 'security_model_status', 'evaluation', 'incident', 'outreach_session',
    'safety_certification', 'funding_allocation', 'model_state_history', 'model_radius_village', 'incident_month',
    'incident_commune_month']
  loop
    execute format('create or replace trigger %I before insert or update on %I
      for each row execute function fill_province_code()', t || '_province_code', t);
  end loop;
end $$;

-- A model moved to another commune takes its status rows and evaluations with it (their commune decides who
-- sees them). Within its province only: on a cluster a row cannot change shards.
create or replace function follow_model_commune() returns trigger
language plpgsql security definer set search_path = public as $$
declare t text;
begin
  -- the co-located shards on a Citus cluster (colocated_relation(), 00_triggers.sql)
  foreach t in array array['security_model_status', 'evaluation'] loop
    execute format('update %s set commune_code = $1
                    where province_code = $2 and model_id = $3 and commune_code <> $1',
                   colocated_relation(TG_TABLE_NAME, t))
    using new.commune_code, new.province_code, new.id;
  end loop;
  return null;
end $$;
create or replace trigger security_model_follow_commune after update of commune_code on security_model
  for each row when (new.commune_code is distinct from old.commune_code) execute function follow_model_commune();

-- The province of a commune, or of a model, for the writers that name it (on a cluster the coordinator routes
-- a row by it before any trigger runs, and evaluates these functions itself: Citus takes no subquery in an
-- INSERT). Whatever the caller's scope: a write out of scope is refused by row-level security, not by a
-- missing province. PL/pgSQL, as Citus plans SQL functions with parameters only when it can inline them.
create or replace function commune_province(p_commune text) returns text
language plpgsql stable security definer set search_path = public as $$
begin
  return (select province_code from commune where code = p_commune);
end $$;

create or replace function model_province(p_model text) returns text
language plpgsql stable security definer set search_path = public as $$
begin
  return (select province_code from security_model where id = p_model);
end $$;
