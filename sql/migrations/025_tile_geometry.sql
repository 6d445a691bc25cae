-- Commune and province outlines generalised for the low-zoom tiles (api/src/tiles/layers.ts): per zoom up to
-- TILE_GEOM_MAX_ZOOM, the outline in EPSG:3857 simplified as the tile query would simplify it at that zoom
-- (Douglas–Peucker preserving topology, tolerance one tile unit), so a tile of the whole country reads small
-- outlines instead of simplifying full ones on every request. The same tolerance as before, applied to the
-- same outline: tiles carry the same shapes, and neighbours keep the same (sub-pixel) fit along shared edges.
-- Kept by triggers on commune and province (sql/functions/05_tiles.sql).
create table unit_tile_geom (
  level text not null check (level in ('commune', 'province')),
  code text not null,
  z smallint not null check (z between 0 and 8),
  geom geometry not null,
  primary key (level, z, code)
);
-- The same scope as the outlines (migration 012): a commune's by the commune, a province's for everyone.
alter table unit_tile_geom enable row level security;
create policy scope_read on unit_tile_geom for select to antt_reader
  using (level = 'province' or antt_in_scope(code));
grant select on unit_tile_geom to antt_reader;
