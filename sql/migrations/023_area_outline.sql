-- The outline of the whole area served (one province, or the country): the provinces in force unioned, outer
-- rings only, so that the slivers between neighbouring provinces (their upstream outlines are simplified one by
-- one) leave no holes. The basemap greys out what lies outside it (the mask tile layer); with one row per
-- province, as before, each province's mask covered all the others in national mode.
-- Refreshed by the seed once the boundaries are loaded (data/src/seed/index.ts).
create materialized view area_outline as
select ST_Multi(ST_Collect(ST_MakePolygon(ST_ExteriorRing(d.geom))))::geometry(MultiPolygon, 4326) as geom
from (select (ST_Dump(ST_Union(geom))).geom from province where valid_to is null) d
having count(*) > 0;
grant select on area_outline to antt_reader;
