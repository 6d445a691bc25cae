-- commune_state_day: per commune, its model and coverage figures of unit_metrics() (sql/functions/03_metrics.sql)
-- as step functions of time, for the dashboard's default question (every type and lead organisation, active
-- models, evaluations due every 6 months). A row holds the figures from its day until the commune's next row;
-- every commune has a first row on 0001-01-01 (nothing founded yet), so the figures at a date d are those of
-- the commune's last row on or before d: one index look-up per commune, 3,321 for the whole country, where
-- the per-model work reads every model's state history and every village.
--
--   villages            villages of the commune now (the village table has no history)
--   active_models       models whose status at the day is active; exemplary_models, compliant_models,
--                       rated_models, effective_models of those, by the definitions of unit_metrics()
--   weak_models         models whose status at the day is weak
--   villages_covered    villages covered by an active model (of the village, commune-wide or within a camera's
--                       radius), population_covered their residents
--
-- Kept exact by the triggers that keep model_state_history and model_radius_village (and by triggers on
-- village, model_type and rating): sql/functions/10_aggregates.sql, refresh_commune_state().
create table commune_state_day (
  province_code text not null,
  commune_code text not null,
  day date not null,
  villages integer not null,
  active_models integer not null,
  weak_models integer not null,
  exemplary_models integer not null,
  compliant_models integer not null,
  rated_models integer not null,
  effective_models integer not null,
  villages_covered integer not null,
  population_covered bigint not null,
  primary key (commune_code, day, province_code)
);

-- Rebuilding a commune's steps reads its models' histories
create index model_state_history_commune_idx on model_state_history (commune_code);

-- The scope of its sources (migration 024): seen only by callers who see the commune; written by the
-- triggers alone, which run as the owner.
alter table commune_state_day enable row level security;
create policy scope_read on commune_state_day for select to antt_reader using (antt_in_scope(commune_code));
grant select on commune_state_day to antt_reader;

-- A cluster whose tables are already distributed gets this one distributed with them (a new cluster's are
-- distributed by sql/citus/distribute.sql).
do $$
begin
  if to_regclass('pg_catalog.pg_dist_partition') is not null then
    if exists (select 1 from pg_dist_partition where logicalrelid = 'security_model'::regclass) then
      perform create_distributed_table('commune_state_day', 'province_code', colocate_with => 'security_model');
    end if;
  end if;
end $$;
