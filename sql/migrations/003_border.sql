-- The national border and what sits on it.
create table border_line (
  id serial primary key,
  name text not null,
  source text not null,
  geom geometry(MultiLineString, 4326) not null check (ST_IsValid(geom))
);
create index border_line_geom_idx on border_line using gist (geom);

-- The strip up to `depth_m` inside the province from the border line; computed, never typed in.
create table border_belt (
  id serial primary key,
  depth_m double precision not null check (depth_m > 0),
  geom geometry(MultiPolygon, 4326) not null check (ST_IsValid(geom))
);
create index border_belt_geom_idx on border_belt using gist (geom);

create table border_feature (
  id text primary key,
  kind text not null check (kind in ('gate_international', 'gate_main', 'gate_secondary', 'opening', 'marker', 'post')),
  name text not null,
  commune_code text references commune (code),
  geom geometry(Point, 4326) not null
);
create index border_feature_geom_idx on border_feature using gist (geom);
