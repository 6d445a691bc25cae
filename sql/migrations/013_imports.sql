-- Bulk imports and record editing: the VN-2000 coordinate systems and the staging tables behind the
-- dry run → commit workflow. The helpers that match references in set operations, and the view of
-- spellings (import_taxon_key), are in sql/functions/08_imports.sql.

-- VN-2000, the national datum (Decision 83/2000/QĐ-TTg), with the published 7-parameter transformation to
-- WGS84 of Circular 973/2001/TT-TCĐC: WGS84 ellipsoid; dX, dY, dZ in metres, rotations in arc-seconds
-- (position-vector convention, as PROJ's +towgs84 reads them), scale in ppm.
-- Custom SRIDs in the PostGIS user range (910000–998999), so they never collide with EPSG codes:
--   910756               VN-2000 geographic (as EPSG:4756)
--   913405, 913406       VN-2000 / UTM zones 48N and 49N (as EPSG:3405, 3406)
--   910000 + 100 × lon₀  VN-2000 / TM-3 with central meridian lon₀, k = 0.9999, false easting 500 km:
--                        920475 is 104°45′ (Lào Cai, Yên Bái); zones every 15′ from 102° to 109°30′.
-- No authority name: PostGIS then builds the CRS from proj4text alone (with one, the embedded PostGIS fails).
-- The same definitions are in api/src/imports/crs.ts, which checks PostGIS against proj4js in tests.
insert into spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
select srid, null, null, null, proj4text
from (
  select 910756 as srid,
         '+proj=longlat +ellps=WGS84 +towgs84=-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278 +no_defs' as proj4text
  union all
  select 913400 + i,
         format('+proj=utm +zone=%s +ellps=WGS84 +towgs84=-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278 +units=m +no_defs', 43 + i)
  from unnest(array[5, 6]) as z(i)
  union all
  select 910000 + round(lon0 * 100)::int,
         format('+proj=tmerc +lat_0=0 +lon_0=%s +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278 +units=m +no_defs', trim_scale(lon0))
  from (select 102 + 0.25 * i as lon0 from generate_series(0, 30) i) m
) d
on conflict (srid) do update set auth_name = excluded.auth_name, auth_srid = excluded.auth_srid,
  srtext = excluded.srtext, proj4text = excluded.proj4text;

-- Short names and abbreviations an office writes for reference values (taxonomies are data, so are these).
create table import_alias (
  kind text not null check (kind in ('model_type', 'incident_category', 'rating', 'lead_org')),
  alias text not null,
  code text not null,
  primary key (kind, alias)
);
insert into import_alias (kind, alias, code) values
  ('model_type', 'Tổ bảo vệ ANTT', 'to_bao_ve_antt'),
  ('model_type', 'Tổ bảo vệ an ninh, trật tự ở cơ sở', 'to_bao_ve_antt'),
  ('model_type', 'Tổ ANTQ tự quản', 'to_an_ninh_tu_quan'),
  ('model_type', 'Tổ tự quản', 'to_an_ninh_tu_quan'),
  ('model_type', 'Tự quản đường biên', 'tu_quan_duong_bien'),
  ('model_type', 'Tự quản đường biên, cột mốc', 'tu_quan_duong_bien'),
  ('model_type', 'Camera', 'camera_an_ninh'),
  ('model_type', 'Camera giám sát an ninh', 'camera_an_ninh'),
  ('model_type', 'Tổ hòa giải', 'to_hoa_giai'),
  ('model_type', 'Tổ hoà giải', 'to_hoa_giai'),
  ('model_type', 'Kẻng an ninh', 'tieng_keng_an_ninh'),
  ('model_type', 'Tổ tuần tra', 'to_tuan_tra'),
  ('model_type', 'CLB phòng, chống ma túy', 'clb_phong_chong_ma_tuy'),
  ('model_type', 'CLB phòng chống ma tuý', 'clb_phong_chong_ma_tuy'),
  ('model_type', 'Giáo xứ bình yên', 'giao_xu_binh_yen'),
  ('model_type', 'Trường học an toàn', 'truong_hoc_an_toan'),
  ('model_type', 'Doanh nghiệp an toàn', 'truong_hoc_an_toan'),
  ('rating', 'TB', 'trung_binh'),
  ('rating', 'Hoàn thành tốt', 'tot'),
  ('rating', 'Không đạt', 'yeu'),
  ('lead_org', 'CA', 'police'),
  ('lead_org', 'Công an xã', 'police'),
  ('lead_org', 'Công an phường', 'police'),
  ('lead_org', 'MTTQ', 'fatherland_front'),
  ('lead_org', 'UBMTTQ', 'fatherland_front'),
  ('lead_org', 'Đoàn TN', 'youth_union'),
  ('lead_org', 'Đoàn thanh niên', 'youth_union'),
  ('lead_org', 'Hội LHPN', 'womens_union'),
  ('lead_org', 'Hội Phụ nữ', 'womens_union'),
  ('lead_org', 'CCB', 'veterans'),
  ('lead_org', 'Hội CCB', 'veterans'),
  ('lead_org', 'BĐBP', 'border_guard'),
  ('lead_org', 'Biên phòng', 'border_guard'),
  ('lead_org', 'Đồn Biên phòng', 'border_guard'),
  ('lead_org', 'Ban CHQS xã', 'military'),
  ('lead_org', 'Quân sự', 'military'),
  ('lead_org', 'Hội ND', 'farmers_union'),
  ('incident_category', 'Trộm cắp', 'theft'),
  ('incident_category', 'Lừa đảo', 'online_fraud'),
  ('incident_category', 'Lừa đảo chiếm đoạt tài sản qua mạng', 'online_fraud'),
  ('incident_category', 'Xuất nhập cảnh trái phép', 'illegal_crossing'),
  ('incident_category', 'Vượt biên trái phép', 'illegal_crossing'),
  ('incident_category', 'Đánh bạc', 'social_evils'),
  ('incident_category', 'Gây thương tích', 'assault'),
  ('incident_category', 'Mâu thuẫn', 'dispute'),
  ('incident_category', 'Tranh chấp', 'dispute'),
  ('incident_category', 'Tàng trữ, mua bán trái phép chất ma túy', 'drugs');

-- One row per upload: who, what, and where it stands.
--   validated  the dry run is done (it may have errors); it can be committed when it has none
--   committed  its rows were written; the staged rows are gone, the summary stays
create table import_batch (
  id uuid primary key,
  user_id integer not null references app_user (id) on delete cascade,
  username text not null,
  kind text not null check (kind in ('models', 'evaluations', 'incidents', 'outreach', 'certifications',
    'funding', 'villages', 'boundaries')),
  status text not null default 'staging' check (status in ('staging', 'validated', 'committed')),
  file_name text not null,
  format text not null check (format in ('xlsx', 'csv', 'geojson', 'shapefile')),
  crs text,
  srid integer,
  -- how the file's columns were read: [{ column, field }]
  columns jsonb not null default '[]',
  -- issues about the file as a whole (headers, CRS), as [{ row, field, severity, message }]
  issues jsonb not null default '[]',
  rows integer not null default 0 check (rows >= 0),
  -- change counters of the tables the dry run read, to refuse a commit over data that changed since
  data_version text,
  summary jsonb,
  created_at timestamptz not null default now(),
  validated_at timestamptz,
  committed_at timestamptz
);
create index import_batch_user_idx on import_batch (user_id, created_at desc);

-- The staged rows of a dry run, resolved: the commit writes `vals` to the records table in one statement.
-- Unlogged: staging is transient (a crash loses only dry runs, which are run again), and writes skip the WAL.
create unlogged table import_row (
  import_id uuid not null references import_batch (id) on delete cascade,
  row_no integer not null,
  -- the row as read: fields by canonical name (text, ISO dates, numbers, booleans)
  f jsonb not null,
  commune_code text,
  village_code text,
  point geometry(Point, 4326),
  shape geometry(MultiPolygon, 4326),
  -- record key this row writes; target_id is set when it updates an existing record
  rec_id text,
  target_id text,
  -- normalised natural key, for duplicates within the file
  nkey text,
  -- the record's column values after resolution (target table column names)
  vals jsonb,
  action text check (action in ('create', 'update', 'skip')),
  issues jsonb not null default '[]',
  has_error boolean generated always as (jsonb_path_exists(issues, '$[*] ? (@.severity == "error")')) stored,
  primary key (import_id, row_no)
);

grant select on import_alias to antt_reader;
grant select, insert, update, delete on import_batch, import_row to antt_editor;
grant insert, update, delete on import_alias to antt_admin;
grant update (geom, label_point, area_km2) on commune to antt_admin;
