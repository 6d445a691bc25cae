-- Planning where new models go (POST /api/plans/optimize, /api/plans/cover).
--
-- Unit costs per model type are data a planner or administrator edits (permission edit_costs); a budget buys
-- floor(budget / unit cost) models. The seeded costs are demo planning assumptions, not official prices.
--
-- Who may plan: the optimiser reads incident counts per village (demand = incidents) and model coverage, so
-- it is for roles that already see incident records: administrator, planner, leader and steward (within the
-- steward's commune scope, by row-level security as everywhere). The aggregate-only roles (briefer, viewer)
-- do not get it, so a planner's answer never has to hide a small count.

create table model_type_cost (
  type_code text primary key references model_type (code) on delete cascade,
  unit_cost_vnd bigint not null check (unit_cost_vnd >= 0 and unit_cost_vnd < 10000000000000),
  updated_by text,
  updated_at timestamptz not null default now()
);

insert into model_type_cost (type_code, unit_cost_vnd)
select t.code, c.cost
from model_type t
join (values
  ('to_bao_ve_antt', 50000000), ('to_an_ninh_tu_quan', 20000000), ('dong_ho_tu_quan', 10000000),
  ('tu_quan_duong_bien', 30000000), ('camera_an_ninh', 35000000), ('to_hoa_giai', 10000000),
  ('tieng_keng_an_ninh', 5000000), ('to_tuan_tra', 25000000), ('clb_phong_chong_ma_tuy', 40000000),
  ('giao_xu_binh_yen', 15000000), ('truong_hoc_an_toan', 20000000)
) as c (code, cost) on c.code = t.code;

grant select on model_type_cost to antt_reader;
-- Requests run as the caller's database role; the route admits only roles with edit_costs.
grant insert, update on model_type_cost to antt_reader_points;

insert into permission (code, description) values
  ('edit_costs', 'unit costs of model types used by plans');
insert into role_permission (role_code, permission_code) values
  ('admin', 'edit_costs'), ('planner', 'edit_costs'), ('leader', 'plan'), ('steward', 'plan');

