-- The province code of an incident is readable by every role, like its commune (which names the province):
-- the queries for one unit name the unit's province, so that on a Citus cluster they run on the shard that
-- holds it (api/src/services/unit-detail.ts). incident is the one table read with column grants (migration 012).
grant select (province_code) on incident to antt_reader;
