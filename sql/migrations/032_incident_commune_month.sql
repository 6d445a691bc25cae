-- incident_commune_month: incidents per commune and calendar month, all categories together. The metrics'
-- default question (no category filter) reads one row per commune and month here instead of one per commune,
-- category and month from incident_month: for the whole country and a year, about 40,000 rows instead of
-- 480,000. Kept beside incident_month by the same trigger (sql/functions/10_aggregates.sql), with the same
-- scope and the same key shape (the province code in the key, for a Citus cluster).
create table incident_commune_month (
  province_code text not null,
  commune_code text not null,
  month date not null check (extract(day from month) = 1),
  n integer not null check (n >= 0),
  primary key (month, commune_code, province_code)
);
alter table incident_commune_month enable row level security;
create policy scope_read on incident_commune_month for select to antt_reader using (antt_in_scope(commune_code));
grant select on incident_commune_month to antt_reader;

insert into incident_commune_month (province_code, commune_code, month, n)
select province_code, commune_code, month, sum(n)::int from incident_month group by 1, 2, 3;

-- A cluster whose tables are already distributed (sql/citus/distribute.sql) gets this one distributed beside
-- incident_month; a new cluster distributes it with the others.
do $$
begin
  if to_regclass('pg_catalog.pg_dist_partition') is not null then
    if exists (select 1 from pg_dist_partition where logicalrelid = 'incident_month'::regclass) then
      perform create_distributed_table('incident_commune_month', 'province_code', colocate_with => 'incident_month');
    end if;
  end if;
end $$;
