-- PostGIS, and helpers shared by every later migration.
create extension if not exists postgis;

-- Vietnamese text folded for search: lower case, no diacritics, đ → d.
-- (The unaccent extension is not available in the embedded database, so this is plain SQL.)
create or replace function vn_fold(t text) returns text
language sql immutable parallel safe strict as $$
  select translate(lower(t),
    'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ',
    'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')
$$;

-- One row per table whose contents changed: read by the freshness report and the tile cache.
create table table_change (
  table_name text primary key,
  changed_at timestamptz not null default now(),
  version bigint not null default 1
);

create or replace function touch_table_change() returns trigger
language plpgsql as $$
begin
  insert into table_change as t (table_name, changed_at, version) values (TG_TABLE_NAME, now(), 1)
  on conflict (table_name) do update set changed_at = now(), version = t.version + 1;
  return null;
end $$;

create table dataset_meta (
  key text primary key,
  value jsonb not null
);
