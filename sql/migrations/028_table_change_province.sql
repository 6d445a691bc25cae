-- Change counters kept per province, beside the records they count. On a Citus cluster the triggers of a
-- distributed table fire on its shards, on the workers; there they count a change in the co-located shard of
-- this table instead of table_change, a table of the coordinator, so that a write starts no distributed query
-- from a worker (nested distributed execution: shards of one statement writing the same coordinator row
-- waited for each other, a distributed deadlock). On one server and on the embedded database it stays empty.
-- The data version adds both up (api/src/services/catalog.ts).
create table table_change_province (
  province_code text not null,
  table_name text not null,
  changed_at timestamptz not null default now(),
  version bigint not null default 1,
  primary key (province_code, table_name)
);
grant select, insert, update on table_change_province to antt_reader;

-- A cluster whose tables are already distributed gets this one distributed with them (a new cluster's are
-- distributed by sql/citus/distribute.sql).
do $$
begin
  if to_regclass('pg_catalog.pg_dist_partition') is not null then
    if exists (select 1 from pg_dist_partition where logicalrelid = 'security_model'::regclass) then
      perform create_distributed_table('table_change_province', 'province_code', colocate_with => 'security_model');
    end if;
  end if;
end $$;
