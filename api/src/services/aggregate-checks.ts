// Test helpers: the pre-aggregates behind unit_metrics() (migration 024: model_state_history,
// model_radius_village, incident_month; migration 029: commune_state_day) compared with what the raw tables
// give. Each answers [] when they agree (pre-aggregates.test.ts, and the imports of units, geo-import.test.ts).
import type { Db } from '@antt/data/db'

/** incident_month and incident_commune_month rows that differ from a count of incident (both ways); [] when equal. */
export async function incidentMonthDiff(db: Db) {
  return db.query(
    `with raw as (
       select commune_code, category_code, date_trunc('month', occurred_on)::date as month, count(*)::int as n
       from incident group by 1, 2, 3
     )
     (select 'stored' as side, * from (select commune_code, category_code, month, n from incident_month
                                       except select * from raw) a)
     union all
     (select 'raw', * from (select * from raw
                            except select commune_code, category_code, month, n from incident_month) b)
     union all
     (select 'stored total', * from (select commune_code, null, month, n from incident_commune_month
                                     except select commune_code, null, month, sum(n)::int from raw group by 1, 3) c)
     union all
     (select 'raw total', * from (select commune_code, null, month, sum(n)::int from raw group by 1, 3
                                  except select commune_code, null, month, n from incident_commune_month) d)
     limit 10`,
  )
}

/**
 * Models whose state at a date read from model_state_history differs from security_model_state() at that
 * date (status, last rating and evaluation, overdue, founded by then), at every date where a span of the
 * models `ids` begins or ends, the day before each, and a few fixed dates, for those models; [] when equal.
 */
export async function modelStateDiff(db: Db, ids: string[]) {
  return db.query(
    `with dates as (
       select d from unnest('{2019-06-30,2021-01-01,2023-07-15,2025-06-30,2026-06-30}'::date[]) d
       union
       select unnest(array[d, d - 1]) from model_state_history, unnest(starts) d where model_id = any ($1::text[])
     ),
     spans as (
       select d.d, s.model_id as id, s.statuses[w.k], s.ratings[w.k], s.evaluated[w.k],
              case when s.statuses[w.k] = 'dissolved' then null
                   else not (s.founded_on > d.d - interval '6 months'
                             or coalesce(s.evaluated[w.k] > d.d - interval '6 months', false)) end as overdue
       from dates d cross join model_state_history s cross join lateral (select width_bucket(d.d, s.starts) as k) w
       where d.d is not null and w.k > 0 and s.model_id = any ($1::text[])
     ),
     direct as (
       select d.d, s.id, s.status, s.last_rating, s.last_evaluated_on, s.evaluation_overdue as overdue
       from dates d cross join lateral security_model_state(d.d, 6) s
       where d.d is not null and s.id = any ($1::text[])
     )
     (select 'spans' as side, * from (select * from spans except select * from direct) a)
     union all
     (select 'direct', * from (select * from direct except select * from spans) b)
     limit 10`,
    [ids],
  )
}

/**
 * Communes whose figures at a date read from their step functions (commune_state_day: unit_metrics() with the
 * default filters) differ from the figures worked out model by model (the same question asked with every type
 * named, which takes the per-model path), at the fixed dates and, for the models `ids`, at every span start
 * and 6-month due date and the day before each, in the communes `communes` (every commune when null); [] when
 * equal.
 */
export async function communeStateDiff(db: Db, communes: string[] | null, ids: string[] = []) {
  const figures = [
    'code',
    'villages',
    'villages_covered',
    'population_covered',
    'active_models',
    'weak_models',
    'exemplary_models',
    'compliant_models',
    'rated_models',
    'effective_models',
  ]
    .map((f) => `m.${f}`)
    .join(', ')
  // per commune asked (p_commune), or every commune at once when none is named
  const ask = (types: string) => `
    select d.d, ${figures}
    from dates d
    cross join unnest(coalesce($1::text[], array[null])) c(code)
    cross join lateral unit_metrics('commune', d.d, d.d, ${types}, p_commune => c.code) m`
  return db.query(
    `with dates as (
       select d from unnest('{2019-06-30,2021-01-01,2023-07-15,2025-06-30,2026-06-30}'::date[]) d
       union
       select unnest(array[x, x - 1]) from model_state_history, unnest(starts || evaluated) s,
              lateral (values (s), ((s + interval '6 months')::date), ((s + interval '6 months')::date + 1)) v(x)
       where model_id = any ($2::text[]) and x is not null
     ),
     stepwise as (${ask('null')}),
     direct as (${ask('(select array_agg(code) from model_type)')})
     (select 'steps' as side, * from (select * from stepwise except select * from direct) a)
     union all
     (select 'models', * from (select * from direct except select * from stepwise) b)
     limit 10`,
    [communes, ids],
  )
}

/**
 * Histories that are not one per model, or whose spans do not start at the founding in date order; radius
 * pairs that differ from the spatial join they stand for; [] when all is well.
 */
export async function historyShapeProblems(db: Db) {
  return db.query(
    // each model looked up with its province, which a Citus cluster needs to plan the subqueries
    `select id as problem from security_model sm
     where not exists (select 1 from model_state_history s
                       where s.province_code = sm.province_code and s.model_id = sm.id)
     union all
     select model_id from model_state_history s
     where not exists (select 1 from security_model sm
                       where sm.province_code = s.province_code and sm.id = s.model_id)
        or s.starts[1] <> s.founded_on
        or exists (select 1 from unnest(s.starts) with ordinality a(d, i)
                   where i > 1 and d <= s.starts[i - 1])
     union all
     (select 'radius ' || r.model_id || ' ' || r.village_code from (
        (select model_id, village_code from model_radius_village
         except
         select sm.id, v.code from security_model sm
         join model_type t on t.code = sm.type_code and t.coverage = 'radius'
         join village v on ST_DWithin(sm.point::geography, v.point::geography, t.radius_m))
        union all
        (select sm.id, v.code from security_model sm
         join model_type t on t.code = sm.type_code and t.coverage = 'radius'
         join village v on ST_DWithin(sm.point::geography, v.point::geography, t.radius_m)
         except
         select model_id, village_code from model_radius_village)) r)
     limit 10`,
  )
}
