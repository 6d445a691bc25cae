-- The first row of each commune in commune_state_day (day 0001-01-01, migration 029), indexed on its own:
-- unit_metrics() (sql/functions/03_metrics.sql) starts from these rows to find each commune's last step, so
-- that on a Citus cluster the look-up joins two co-located shards of the same table (a look-up from the
-- commune reference table with a LIMIT is refused there), and on one server it reads 3,321 index entries
-- for the whole country rather than every step.
create index commune_state_day_first_idx on commune_state_day (province_code, commune_code)
  where day = date '0001-01-01';
