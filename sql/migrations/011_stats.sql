-- Set operations behind the statistics endpoints (api/src/services/stats/): contiguity between units,
-- incident counts for one or two periods, and the coverage "standard set" per area class.
-- The statistics themselves (Gi*, local Moran, Empirical Bayes, rate comparison) are computed by the
-- analysis package from what these functions return.

-- The coverage "standard set": the model types every village of an area class should have, e.g. a
-- border village needs a self-managed border-line group and a grassroots security team. It is data:
-- edit the rows, not the code. A village carries the classes of its commune and its own.
create table coverage_standard (
  class_code text not null references area_class (code) on delete cascade,
  type_code text not null references model_type (code) on delete cascade,
  note text,
  primary key (class_code, type_code)
);
-- Readable by the request roles of migration 012 when they exist already (012 grants the tables it finds).
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'antt_reader') then
    grant select on coverage_standard to antt_reader;
  end if;
end $$;

-- Starting values. The grassroots security and order team is required everywhere (one per village by
-- the 2023 Law on forces protecting security and order at the grassroots, in force 2024-07-01).
insert into coverage_standard (class_code, type_code, note) values
  ('border', 'to_bao_ve_antt', 'Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở 2023'),
  ('border', 'tu_quan_duong_bien', 'Tự quản đường biên, mốc quốc giới ở thôn, bản biên giới'),
  ('border_gate_zone', 'to_bao_ve_antt', null),
  ('border_gate_zone', 'tu_quan_duong_bien', null),
  ('border_gate_zone', 'camera_an_ninh', null),
  ('strategic', 'to_bao_ve_antt', null),
  ('strategic', 'to_tuan_tra', null),
  ('strategic', 'camera_an_ninh', null),
  ('remote', 'to_bao_ve_antt', null),
  ('remote', 'tieng_keng_an_ninh', null),
  ('ethnic_minority', 'to_bao_ve_antt', null),
  ('ethnic_minority', 'to_hoa_giai', null),
  ('religious', 'to_bao_ve_antt', null),
  ('religious', 'giao_xu_binh_yen', null),
  ('urban', 'to_bao_ve_antt', null),
  ('urban', 'camera_an_ninh', null),
  ('tourism', 'to_bao_ve_antt', null),
  ('tourism', 'camera_an_ninh', null);

