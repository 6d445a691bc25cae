-- Taxonomies are data, with Vietnamese and English names.
create table model_type (
  code text primary key,
  name_vi text not null,
  name_en text not null,
  -- what one model covers: its village, every village of its commune, or villages within radius_m
  coverage text not null check (coverage in ('village', 'commune', 'radius')),
  radius_m double precision check (radius_m > 0),
  border_only boolean not null default false,
  sort integer not null default 0,
  check ((coverage = 'radius') = (radius_m is not null))
);

create table incident_category (
  code text primary key,
  group_code text not null check (group_code in ('political', 'social_order')),
  name_vi text not null,
  name_en text not null,
  sort integer not null default 0
);

create table lead_org (
  code text primary key,
  name_vi text not null,
  name_en text not null,
  sort integer not null default 0
);

create table rating (
  code text primary key,
  name_vi text not null,
  name_en text not null,
  rank integer not null unique,
  effective boolean not null
);

create table area_class (
  code text primary key,
  name_vi text not null,
  name_en text not null,
  sort integer not null default 0
);

-- Tags on units; `source` says whether a class was computed in PostGIS, assigned by a rule, or is a demo choice.
create table commune_area_class (
  commune_code text not null references commune (code) on delete cascade,
  class_code text not null references area_class (code),
  source text not null check (source in ('computed', 'rule', 'demo', 'import')),
  primary key (commune_code, class_code)
);
create index commune_area_class_class_idx on commune_area_class (class_code);

create table village_area_class (
  village_code text not null references village (code) on delete cascade,
  class_code text not null references area_class (code),
  source text not null check (source in ('computed', 'rule', 'demo', 'import')),
  primary key (village_code, class_code)
);
create index village_area_class_class_idx on village_area_class (class_code);
