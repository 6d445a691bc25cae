-- The province code of the fact tables and pre-aggregates (migration 026), filled from the commune or the
-- model when a writer leaves it out, and followed when a record moves to another commune. A code that
-- disagrees with the commune is refused: on a Citus cluster the row would sit in another province's shard.
create or replace function fill_province_code() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  code text;
  moved boolean := TG_OP = 'INSERT';
begin
  -- each branch names only the columns its tables have (PL/pgSQL resolves new.x when it runs)
  if TG_TABLE_NAME in ('security_model_status', 'evaluation', 'model_radius_village') then
    if TG_OP = 'UPDATE' then
      moved := new.model_id is distinct from old.model_id;
    end if;
    if moved or new.province_code is distinct from old.province_code then
      select m.province_code into code from security_model m where m.id = new.model_id;
    end if;
  else
    if TG_OP = 'UPDATE' then
      moved := new.commune_code is distinct from old.commune_code;
    end if;
    if moved or new.province_code is distinct from old.province_code then
      select c.province_code into code from commune c where c.code = new.commune_code;
    end if;
  end if;
  if code is null then
    return new;
  end if;
  if new.province_code is null or (TG_OP = 'UPDATE' and new.province_code = old.province_code) then
    new.province_code := code;
  elsif new.province_code <> code then
    raise exception '% row names province % but belongs to province %', TG_TABLE_NAME, new.province_code, code
      using errcode = '23514';
  end if;
  return new;
end $$;

do $$
declare t text;
begin
  foreach t in array array['security_model', 'security_model_status', 'evaluation', 'incident', 'outreach_session',
    'safety_certification', 'funding_allocation', 'model_state_history', 'model_radius_village', 'incident_month']
  loop
    execute format('create or replace trigger %I before insert or update on %I
      for each row execute function fill_province_code()', t || '_province_code', t);
  end loop;
end $$;
