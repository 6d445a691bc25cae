-- The area the atlas serves (AREA): the provinces around it, drawn as context. Border areas for an area
-- that may have no land border at all: compute_border_areas() in sql/functions/01_border.sql.

-- Provinces within reach of the area, with their names: the basemap draws them around it instead of a flat
-- grey. Reference data, the same for every caller.
create table context_province (
  code text primary key,
  name text not null,
  geom geometry(MultiPolygon, 4326) not null check (ST_IsValid(geom)),
  label_point geometry(Point, 4326) not null
);
create index context_province_geom_idx on context_province using gist (geom);
grant select on context_province to antt_reader;
