-- Administrative units. The 2025 communes are the unit of every record; the 2008 communes and
-- districts are kept beside them for history and for records that carry old codes.

-- `code` is the official code for the province in force ('15') and code@year-of-dissolution for
-- the two provinces merged in 2025 ('10@2025', '15@2025').
create table province (
  code text primary key,
  official_code text not null,
  name text not null,
  name_folded text generated always as (vn_fold(name)) stored,
  population integer check (population >= 0),
  area_km2 double precision check (area_km2 >= 0),
  valid_from date,
  valid_to date,
  geom geometry(MultiPolygon, 4326) not null check (ST_IsValid(geom)),
  check (valid_to is null or valid_from is null or valid_to > valid_from)
);
create index province_geom_idx on province using gist (geom);

create table commune (
  code text primary key check (code ~ '^\d{5}$'),
  name text not null,
  full_name text not null,
  name_folded text generated always as (vn_fold(full_name)) stored,
  type text not null check (type in ('xa', 'phuong', 'dac_khu')),
  province_code text not null references province (code),
  population integer not null check (population >= 0),
  area_km2 double precision not null check (area_km2 >= 0),
  seat text,
  valid_from date not null default '2025-07-01',
  valid_to date,
  geom geometry(MultiPolygon, 4326) not null check (ST_IsValid(geom)),
  label_point geometry(Point, 4326),
  -- set by compute_border_areas()
  border_distance_m double precision check (border_distance_m >= 0),
  border_belt_share double precision check (border_belt_share between 0 and 1),
  check (valid_to is null or valid_to > valid_from)
);
create index commune_geom_idx on commune using gist (geom);
create index commune_name_folded_idx on commune (name_folded);

create table legacy_district (
  code text primary key,
  name text not null,
  province_code text not null,
  valid_to date not null default '2025-06-30',
  geom geometry(MultiPolygon, 4326) not null check (ST_IsValid(geom))
);
create index legacy_district_geom_idx on legacy_district using gist (geom);

-- 2008 communes. `code` is the stable key of the source data; `official_code` is the GSO code of
-- the unit it had become by 2025 (138 of 164; two pairs merged before 2025 share one).
create table legacy_commune (
  code text primary key,
  official_code text,
  new_codes text[] not null default '{}',
  name text not null,
  name_folded text generated always as (vn_fold(name)) stored,
  district_name text not null,
  population_2009 integer check (population_2009 >= 0),
  area_km2 double precision check (area_km2 >= 0),
  valid_from date not null default '2008-01-01',
  valid_to date not null default '2025-06-30',
  geom geometry(MultiPolygon, 4326) not null check (ST_IsValid(geom)),
  check (valid_to > valid_from)
);
create index legacy_commune_geom_idx on legacy_commune using gist (geom);

-- Official old → new code crosswalk of the 2025 merger. An old unit split among several new
-- ones has several rows (kind = 'partial').
create table commune_crosswalk (
  old_code text not null,
  old_name text not null,
  new_code text not null references commune (code),
  kind text not null check (kind in ('full', 'partial')),
  old_province text,
  primary key (old_code, new_code)
);
create index commune_crosswalk_new_idx on commune_crosswalk (new_code);

create table village (
  code text primary key,
  commune_code text not null references commune (code),
  name text not null,
  name_folded text generated always as (vn_fold(name)) stored,
  kind text not null check (kind in ('thon', 'ban', 'to_dan_pho')),
  population integer not null check (population >= 0),
  households integer check (households >= 0),
  area_km2 double precision check (area_km2 >= 0),
  point geometry(Point, 4326) not null,
  geom geometry(MultiPolygon, 4326) check (geom is null or ST_IsValid(geom)),
  border_distance_m double precision check (border_distance_m >= 0),
  valid_from date not null default '2025-07-01',
  valid_to date,
  check (valid_to is null or valid_to > valid_from)
);
create index village_commune_idx on village (commune_code);
create index village_point_idx on village using gist (point);
create index village_geom_idx on village using gist (geom);
create index village_name_folded_idx on village (name_folded);

create table prestige_count (
  village_code text not null references village (code) on delete cascade,
  year integer not null check (year between 2000 and 2100),
  people integer not null check (people >= 0),
  primary key (village_code, year)
);
