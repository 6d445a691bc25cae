import { poissonUpperTail } from '@antt/analysis'
import type { AlertArea, AlertCondition } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { Catalog } from '../services/catalog.ts'
import { emergingHotSpots } from '../services/stats/emerging.ts'

/** What `threshold` means for each condition (also in the OpenAPI document). */
export const CONDITION_THRESHOLD: Record<AlertCondition, string> = {
  village_coverage_below: 'share 0–1: fires when village coverage (last 12 months) is below it',
  population_covered_below: 'share 0–1: fires when the share of residents covered is below it',
  overdue_evaluations_above:
    'count: fires when more active models than this are overdue for evaluation (6 months)',
  hot_spot_emerging:
    'months analysed (4–120): fires when the unit is a new or intensifying hot spot of incidents over them',
  incident_spike:
    'minimum count: fires when the last complete month has at least this many incidents and significantly ' +
    'more than the average of the 12 months before (one-sided Poisson test, p < 0.05)',
  exemplary_dissolved: 'months (1–120): fires when an exemplary model of the unit was dissolved within them',
  no_outreach_months: 'months (1–120): fires when the unit has had no outreach session within them',
}

/** Significance of the incident spike test. */
export const SPIKE_ALPHA = 0.05
/** Figures that are incident counts, suppressed at 1–2 for aggregate-only callers. */
export const COUNT_FIGURES = ['incidents', 'baseline_incidents'] as const

export interface Triggered {
  unit_code: string
  commune_code: string
  figures: Record<string, unknown>
}

export interface ConditionInput {
  condition: AlertCondition
  threshold: number
  level: 'commune' | 'village'
  area: AlertArea
  /** only these communes (and their villages); null = all */
  communes: string[] | null
  asOf: string
}

/**
 * Units of the level in the area (and among `communes`), as SQL over `units(code, commune_code)`; a unit is in a
 * province by its commune's `province_code`. Parameters $1–$6 are `unitParams()`.
 */
const UNITS_SQL = `
  units as (
    select u.code, u.commune_code from (
      select c.code, c.code as commune_code from commune c where $1 = 'commune'
      union all
      select v.code, v.commune_code from village v where $1 = 'village'
    ) u
    where ($2::boolean
           or u.commune_code = any ($3::text[])
           or exists (select 1 from commune_area_class a
                      where a.commune_code = u.commune_code and a.class_code = any ($4::text[]))
           or exists (select 1 from commune pc
                      where pc.code = u.commune_code and pc.province_code = any ($6::text[])))
      and ($5::text[] is null or u.commune_code = any ($5::text[]))
  )`

function unitParams(c: ConditionInput): unknown[] {
  return [
    c.level,
    'all' in c.area,
    'communes' in c.area ? c.area.communes : [],
    'classes' in c.area ? c.area.classes : [],
    c.communes,
    'provinces' in c.area ? c.area.provinces : [],
  ]
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

/** The units of the rule's area where its condition holds at `asOf`, with the figures that show it. */
export async function triggeredUnits(db: Queryable, c: ConditionInput): Promise<Triggered[]> {
  const p = unitParams(c)
  switch (c.condition) {
    case 'village_coverage_below':
    case 'population_covered_below':
    case 'overdue_evaluations_above': {
      const rows = await db.query<{
        code: string
        commune_code: string
        villages: number
        villages_covered: number
        village_coverage: number | null
        population: number
        population_covered: number
        active_models: number
        compliant_models: number
      }>(
        `with ${UNITS_SQL}
         select m.code, u.commune_code, m.villages, m.villages_covered, m.village_coverage, m.population,
                m.population_covered, m.active_models, m.compliant_models
         from unit_metrics($1, $7::date - 364, $7::date) m join units u on u.code = m.code`,
        [...p, c.asOf],
      )
      const out: Triggered[] = []
      for (const r of rows) {
        if (c.condition === 'village_coverage_below') {
          if (r.village_coverage !== null && r.village_coverage < c.threshold)
            out.push({
              unit_code: r.code,
              commune_code: r.commune_code,
              figures: {
                village_coverage: round(r.village_coverage, 4),
                villages: r.villages,
                villages_covered: r.villages_covered,
              },
            })
        } else if (c.condition === 'population_covered_below') {
          const share = r.population > 0 ? r.population_covered / r.population : null
          if (share !== null && share < c.threshold)
            out.push({
              unit_code: r.code,
              commune_code: r.commune_code,
              figures: { population_covered_share: round(share, 4), population: r.population },
            })
        } else {
          const overdue = r.active_models - r.compliant_models
          if (overdue > c.threshold)
            out.push({
              unit_code: r.code,
              commune_code: r.commune_code,
              figures: { overdue_evaluations: overdue, active_models: r.active_models },
            })
        }
      }
      return out
    }
    case 'incident_spike': {
      // The last complete month at asOf, and the 12 months before it.
      const rows = await db.query<{
        code: string
        commune_code: string
        month: string
        incidents: number
        baseline_incidents: number
      }>(
        `with ${UNITS_SQL},
         m as (select (date_trunc('month', $7::date + 1) - interval '1 month')::date as start,
                      (date_trunc('month', $7::date + 1) - interval '1 day')::date as last)
         select u.code, u.commune_code, to_char(m.start, 'YYYY-MM') as month,
                count(i.id) filter (where i.occurred_on between m.start and m.last)::int as incidents,
                count(i.id) filter (where i.occurred_on >= (m.start - interval '12 months')::date
                                      and i.occurred_on < m.start)::int as baseline_incidents
         from units u cross join m
         left join incident i
           on (case when $1 = 'commune' then i.commune_code else i.village_code end) = u.code
          and i.occurred_on between (m.start - interval '12 months')::date and m.last
         group by u.code, u.commune_code, m.start`,
        [...p, c.asOf],
      )
      const out: Triggered[] = []
      for (const r of rows) {
        if (r.incidents < Math.max(1, c.threshold)) continue
        const mean = r.baseline_incidents / 12
        const pValue = poissonUpperTail(r.incidents, mean)
        if (pValue < SPIKE_ALPHA)
          out.push({
            unit_code: r.code,
            commune_code: r.commune_code,
            figures: {
              month: r.month,
              incidents: r.incidents,
              baseline_incidents: r.baseline_incidents,
              baseline_mean: round(mean, 2),
              p: pValue < 0.0001 ? 0.0001 : round(pValue, 4),
            },
          })
      }
      return out
    }
    case 'exemplary_dissolved': {
      const rows = await db.query<{ code: string; commune_code: string; dissolved: number; last: string }>(
        `with ${UNITS_SQL}
         select u.code, u.commune_code, count(*)::int as dissolved,
                to_char(max(s.dissolved_on), 'YYYY-MM-DD') as last
         from units u join security_model s
           on (case when $1 = 'commune' then s.commune_code else s.village_code end) = u.code
         where s.exemplary and s.status = 'dissolved'
           and s.dissolved_on > ($7::date - make_interval(months => $8::int))::date and s.dissolved_on <= $7::date
         group by u.code, u.commune_code`,
        [...p, c.asOf, c.threshold],
      )
      return rows.map((r) => ({
        unit_code: r.code,
        commune_code: r.commune_code,
        figures: { exemplary_dissolved: r.dissolved, last_dissolved_on: r.last, months: c.threshold },
      }))
    }
    case 'no_outreach_months': {
      const rows = await db.query<{ code: string; commune_code: string; last: string | null }>(
        `with ${UNITS_SQL}
         select u.code, u.commune_code, to_char(max(o.held_on), 'YYYY-MM-DD') as last
         from units u left join outreach_session o
           on (case when $1 = 'commune' then o.commune_code else o.village_code end) = u.code
          and o.held_on <= $7::date
         group by u.code, u.commune_code
         having max(o.held_on) is null
             or max(o.held_on) <= ($7::date - make_interval(months => $8::int))::date`,
        [...p, c.asOf, c.threshold],
      )
      return rows.map((r) => ({
        unit_code: r.code,
        commune_code: r.commune_code,
        figures: { months: c.threshold, last_session: r.last },
      }))
    }
    case 'hot_spot_emerging':
      return emergingTriggers(db, c)
  }
}

/** New or intensifying hot spots of incidents over the last `threshold` months up to asOf. */
async function emergingTriggers(db: Queryable, c: ConditionInput): Promise<Triggered[]> {
  const to = c.asOf
  const d = new Date(`${to}T00:00:00Z`)
  const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (c.threshold - 1), 1))
  const deps = {
    db: db as never,
    catalog: new Catalog().bind(db, 'alerts'),
    principal: null,
    ip: '',
    afterCommit: () => {},
  }
  const res = await emergingHotSpots(deps, {
    level: c.level,
    metric: 'incidents',
    step: 'month',
    from: from.toISOString().slice(0, 10),
    to,
    permutations: 199,
    seed: 1,
  })
  const inArea = new Map(
    (
      await db.query<{ code: string; commune_code: string }>(
        `with ${UNITS_SQL} select * from units`,
        unitParams(c),
      )
    ).map((u) => [u.code, u.commune_code]),
  )
  const out: Triggered[] = []
  for (const r of res.rows) {
    const commune = inArea.get(r.code)
    if (!commune) continue
    if (r.category !== 'new-hot-spot' && r.category !== 'intensifying-hot-spot') continue
    out.push({
      unit_code: r.code,
      commune_code: commune,
      figures: {
        category: r.category,
        trend_z: r.trend_z === null ? null : round(r.trend_z, 2),
        trend_p: r.trend_p === null ? null : round(r.trend_p, 4),
        months: res.steps.length,
        low_counts: r.low_counts,
      },
    })
  }
  return out
}
