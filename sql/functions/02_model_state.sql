-- (model, village) pairs for every model of a radius type (cameras): the villages whose point lies within the
-- type's radius of the model's point, kept in model_radius_village (migration 024) by triggers on the models,
-- the villages and the types (sql/functions/10_aggregates.sql, refresh_model_radius()). As the caller, who
-- reads the pairs of the villages it sees (migration 030): on a Citus cluster a function that runs as its
-- owner reads the shards as another role than a scenario's writes in the same transaction, which Citus
-- refuses. Ids only; callers join them to the rows their scope lets them see. PL/pgSQL: Citus plans no SQL
-- function over distributed tables called from a query with parameters.
create or replace function radius_model_villages()
returns table (model_id text, village_code text)
language plpgsql stable as $$
begin
  return query select r.model_id, r.village_code from model_radius_village r;
end $$;

-- Every model founded on or before p_ref (of the commune p_commune only, when given), with its state as of p_ref:
--   status             its status at p_ref (security_model_status), falling back to the current status
--   last_rating        rating of its last evaluation on or before p_ref, last_evaluated_on its date
--   evaluation_overdue true when its last evaluation is more than p_eval_months before p_ref (or it was never
--                      evaluated); a model founded less than p_eval_months before p_ref is not yet due; null for
--                      a model dissolved at p_ref (nothing to evaluate)
--   radius_m           coverage radius of radius types (cameras), else null
-- The rule is the one behind evaluation_compliance in unit_metrics() (03_metrics.sql): an active model is compliant
-- exactly when it is not overdue. One row per model from one scan of security_model with index look-ups for
-- the status and the last evaluation (each beside its model, by province and model), so the planner has no
-- self-join to misjudge. PL/pgSQL: a Citus cluster plans no SQL function with a parameter over distributed
-- tables, and pushes this query down to the shards (the look-ups join on the province code; none is a
-- subquery without FROM). A function the planner cannot see into, so a caller's filter by commune is passed in
-- (p_commune) rather than applied to all the models' states after.
drop function if exists security_model_state(date, integer);
create or replace function security_model_state(p_ref date, p_eval_months integer default 6,
                                                p_commune text default null)
returns table (
  id text,
  name text,
  type_code text,
  lead_org_code text,
  commune_code text,
  village_code text,
  exemplary boolean,
  replicated_from text,
  founded_on date,
  dissolved_on date,
  point geometry,
  radius_m double precision,
  status text,
  last_rating text,
  last_evaluated_on date,
  evaluation_overdue boolean
) language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  select sm.id, sm.name, sm.type_code, sm.lead_org_code, sm.commune_code, sm.village_code, sm.exemplary,
         sm.replicated_from, sm.founded_on, sm.dissolved_on, sm.point, t.radius_m,
         coalesce(st.status, sm.status), le.rating_code, le.evaluated_on,
         case when coalesce(st.status, sm.status) = 'dissolved' then null
              else not (sm.founded_on > p_ref - make_interval(months => p_eval_months)
                        or coalesce(le.evaluated_on > p_ref - make_interval(months => p_eval_months), false))
         end
  from security_model sm
  join model_type t on t.code = sm.type_code
  left join lateral (
    select h.status from security_model_status h
    where h.province_code = sm.province_code and h.model_id = sm.id and h.valid_from <= p_ref
      and (h.valid_to is null or h.valid_to > p_ref)
    order by h.valid_from desc limit 1
  ) st on true
  left join lateral (
    select e.evaluated_on, e.rating_code from evaluation e
    where e.province_code = sm.province_code and e.model_id = sm.id and e.evaluated_on <= p_ref
    order by e.evaluated_on desc limit 1
  ) le on true
  where sm.founded_on <= p_ref and (p_commune is null or sm.commune_code = p_commune);
end $$;
