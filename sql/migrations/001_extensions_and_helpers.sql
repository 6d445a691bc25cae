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

-- One row per table whose contents changed: read by the freshness report and the tile cache; kept by the
-- triggers of sql/functions/00_triggers.sql.
create table table_change (
  table_name text primary key,
  changed_at timestamptz not null default now(),
  version bigint not null default 1
);

create table dataset_meta (
  key text primary key,
  value jsonb not null
);
