-- The database settings of a Citus coordinator (Citus passes them on to the workers), applied by
-- data/src/db/citus.ts on every migration of a coordinator, before and after the tables are distributed.
-- Idempotent. The reasons for the distribution itself are in sql/citus/distribute.sql and docs/scaling.md.

-- The caller's scope is set with SET LOCAL (api/src/auth/middleware.ts); with 'local' the coordinator sends
-- it to the workers inside the transaction, so row-level security there sees the same scope (without it a
-- worker sees no scope and returns no rows).
-- The triggers of the fact tables run on the shards (sql/functions/00, 10, 11: pre-aggregates, province
-- codes, change counters), and read and write the co-located shards of their own province and the node's copy
-- of the reference tables by name (colocated_relation()), so they start no distributed query from a worker.
-- The upkeep triggers of the units and taxonomies (reference tables, whose copies all fire) likewise refresh
-- only the shards of their own node (upkeep_relations(), sql/functions/00_triggers.sql). The few joins between
-- provinces (a model replicated from another province's model) are repartitioned.
-- A write to a reference table (an account, its scope) locks it and the reference tables it points to (roles,
-- communes, provinces) on the first worker, which Citus allows only to a role that may change all of them;
-- the administrator may change accounts, not the roles or the units, so that check is skipped (it guards
-- only who may make other writers of those tables wait).
-- No JIT compilation: a query is split into one small task per shard, whose estimated cost (joined with an
-- intermediate result of unknown size) passed the threshold, so that each of 32 tasks spent about 140 ms
-- compiling to read a few rows (a vector tile of models took 3.9 s instead of a fraction of a second).
do $$
begin
  execute format('alter database %I set citus.propagate_set_commands = %L', current_database(), 'local');
  execute format('alter database %I set citus.enable_unsafe_triggers = on', current_database());
  execute format('alter database %I set citus.enable_repartition_joins = on', current_database());
  execute format('alter database %I set citus.allow_nested_distributed_execution = on', current_database());
  execute format('alter database %I set citus.skip_advisory_lock_permission_checks = on', current_database());
  execute format('alter database %I set jit = off', current_database());
end $$;
