-- Every fact table and every pre-aggregate carries its province code: the distribution column on a Citus
-- cluster (docs/scaling.md, data/src/db/citus.ts), where a row must name its shard when it is written, and
-- where tables joined on it are co-located. A writer may leave it out: a trigger fills it from the commune,
-- or from the model for a model's status rows, evaluations and pre-aggregates (sql/functions/11_province_code.sql);
-- on a cluster the writers name it, since the coordinator routes a row before any trigger runs.
-- The existing rows are filled with their tables' triggers off: a province code changes no pre-aggregate and
-- no data version, and on the national database the upkeep triggers would rebuild every model's history.
alter table security_model add column province_code text;
alter table security_model disable trigger user;
update security_model m set province_code = c.province_code from commune c where c.code = m.commune_code;
alter table security_model enable trigger user;
alter table security_model alter column province_code set not null;

-- A model's status rows and evaluations carry its commune as well: their row-level security asks whether the
-- model is in scope, which on a cluster must be a test of the row itself (Citus carries no policy with a
-- subquery to the shards).
alter table security_model_status add column province_code text, add column commune_code text;
alter table security_model_status disable trigger user;
update security_model_status s set province_code = m.province_code, commune_code = m.commune_code
from security_model m where m.id = s.model_id;
alter table security_model_status enable trigger user;
alter table security_model_status alter column province_code set not null, alter column commune_code set not null;

alter table evaluation add column province_code text, add column commune_code text;
alter table evaluation disable trigger user;
update evaluation e set province_code = m.province_code, commune_code = m.commune_code
from security_model m where m.id = e.model_id;
alter table evaluation enable trigger user;
alter table evaluation alter column province_code set not null, alter column commune_code set not null;

alter table incident add column province_code text;
alter table incident disable trigger user;
update incident i set province_code = c.province_code from commune c where c.code = i.commune_code;
alter table incident enable trigger user;
alter table incident alter column province_code set not null;

alter table outreach_session add column province_code text;
alter table outreach_session disable trigger user;
update outreach_session o set province_code = c.province_code from commune c where c.code = o.commune_code;
alter table outreach_session enable trigger user;
alter table outreach_session alter column province_code set not null;

alter table safety_certification add column province_code text;
alter table safety_certification disable trigger user;
update safety_certification s set province_code = c.province_code from commune c where c.code = s.commune_code;
alter table safety_certification enable trigger user;
alter table safety_certification alter column province_code set not null;

alter table funding_allocation add column province_code text;
alter table funding_allocation disable trigger user;
update funding_allocation f set province_code = c.province_code from commune c where c.code = f.commune_code;
alter table funding_allocation enable trigger user;
alter table funding_allocation alter column province_code set not null;

alter table model_state_history add column province_code text;
alter table model_state_history disable trigger user;
update model_state_history h set province_code = c.province_code from commune c where c.code = h.commune_code;
alter table model_state_history enable trigger user;
alter table model_state_history alter column province_code set not null;

alter table model_radius_village add column province_code text;
alter table model_radius_village disable trigger user;
update model_radius_village r set province_code = m.province_code from security_model m where m.id = r.model_id;
alter table model_radius_village enable trigger user;
alter table model_radius_village alter column province_code set not null;

alter table incident_month add column province_code text;
alter table incident_month disable trigger user;
update incident_month t set province_code = c.province_code from commune c where c.code = t.commune_code;
alter table incident_month enable trigger user;
alter table incident_month alter column province_code set not null;

-- A key that names the province: the province follows from the commune, so these keys are as unique as
-- before, and a cluster can keep them (its unique keys must hold the distribution column).
alter table evaluation drop constraint evaluation_model_id_evaluated_on_key;
alter table evaluation add unique (model_id, evaluated_on, province_code);
alter table incident_month drop constraint incident_month_pkey;
alter table incident_month add primary key (month, commune_code, category_code, province_code);
alter table model_state_history drop constraint model_state_history_pkey;
alter table model_state_history add primary key (model_id, province_code);
alter table model_radius_village drop constraint model_radius_village_pkey;
alter table model_radius_village add primary key (model_id, village_code, province_code);
