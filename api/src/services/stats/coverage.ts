import { can } from '../../auth/principal.ts'
import type { AppDeps } from '../../context.ts'
import { runMetrics, type UnitMetricsQuery } from '../metrics.ts'

export interface StandardRow {
  class_code: string
  name_vi: string
  name_en: string
  types: { code: string; name_vi: string; name_en: string; note: string | null }[]
}

/** The coverage standard set per area class (table coverage_standard, migration 011). */
export async function coverageStandards(deps: AppDeps): Promise<StandardRow[]> {
  return deps.catalog.memo('coverage-standards', () =>
    deps.db.query<StandardRow>(
      `select ac.code as class_code, ac.name_vi, ac.name_en,
              json_agg(json_build_object('code', t.code, 'name_vi', t.name_vi, 'name_en', t.name_en, 'note', s.note)
                       order by t.sort, t.code) as types
       from coverage_standard s
       join area_class ac on ac.code = s.class_code
       join model_type t on t.code = s.type_code
       group by ac.code, ac.name_vi, ac.name_en, ac.sort
       order by ac.sort, ac.code`,
    ),
  )
}

interface StandardCoverageRow {
  code: string
  area_classes: string[]
  required_types: string[]
  villages: number
  villages_meeting: number
  standard_coverage: number | null
  by_class: { class: string; required: string[]; villages: number; villages_meeting: number; share: number }[]
  lacking: Record<string, number>
}

interface ReplicationRow {
  code: string
  exemplary_models: number
  exemplary_replicated: number
  replicas_made: number
  replicas_received: number
}

interface ExemplaryRow {
  model_id: string
  name: string
  type_code: string
  commune_code: string
  village_code: string | null
  founded_on: string
  status: string | null
  replicas: {
    id: string
    commune_code: string
    village_code: string | null
    founded_on: string
    status: string | null
  }[]
}

/**
 * Coverage per commune or village: the coverage metrics of unit_metrics() (migrations 008, 015), standard-set coverage
 * (standard_coverage, 011), and exemplary models with where they were replicated (exemplary_replication,
 * unit_replication, 011). Model states are those at the end of the period.
 */
export async function coverage(deps: AppDeps, q: UnitMetricsQuery) {
  const metrics = await runMetrics(deps, q)
  // The list of individual exemplary models is record-level data (permission read_records); counts are not.
  const listModels = can(deps.principal, 'read_records')
  const key = JSON.stringify(['coverage', metrics.level, metrics.period, metrics.filters, listModels])
  return deps.catalog.memo(key, async () => {
    const f = metrics.filters
    const to = metrics.period.to
    const statuses = f.statuses ?? ['active']
    const standard = await deps.db.query<StandardCoverageRow>(
      `select code, area_classes, required_types, villages, villages_meeting, standard_coverage, by_class, lacking
       from standard_coverage($1, $2::date, $3::text[], $4::text[], $5::text[], $6)`,
      [metrics.level, to, statuses, f.orgs ?? null, f.classes ?? null, f.commune ?? null],
    )
    const replication = await deps.db.query<ReplicationRow>(
      'select * from unit_replication($1, $2::date, $3)',
      [metrics.level, to, f.commune ?? null],
    )
    const exemplary = listModels
      ? await deps.db.query<ExemplaryRow>(
          `select model_id, name, type_code, commune_code, village_code, to_char(founded_on, 'YYYY-MM-DD') as founded_on,
              status, replicas
       from exemplary_replication($1::date, $2)`,
          [to, f.commune ?? null],
        )
      : null
    const standardByCode = new Map(standard.map((s) => [s.code, s]))
    const replicationByCode = new Map(replication.map((r) => [r.code, r]))
    const rows = metrics.rows.map((r) => {
      const s = standardByCode.get(r.code)
      const rep = replicationByCode.get(r.code)
      return {
        code: r.code,
        name: r.name,
        commune_code: r.commune_code,
        area_classes: [...new Set([...r.area_classes, ...(s?.area_classes ?? [])])].sort(),
        villages: r.villages,
        villages_covered: r.villages_covered,
        village_coverage: r.village_coverage,
        population: r.population,
        population_covered: r.population_covered,
        active_models: r.active_models,
        evaluation_compliance: r.evaluation_compliance,
        effective_share: r.effective_share,
        standard: {
          required_types: s?.required_types ?? [],
          villages: s?.villages ?? 0,
          villages_meeting: s?.villages_meeting ?? 0,
          coverage: s?.standard_coverage ?? null,
          by_class: s?.by_class ?? [],
          lacking: s?.lacking ?? {},
        },
        exemplary: {
          models: rep?.exemplary_models ?? 0,
          replicated: rep?.exemplary_replicated ?? 0,
          not_replicated: (rep?.exemplary_models ?? 0) - (rep?.exemplary_replicated ?? 0),
          replicas_made: rep?.replicas_made ?? 0,
          replicas_received: rep?.replicas_received ?? 0,
        },
      }
    })
    const inScope = new Set(rows.map((r) => (metrics.level === 'commune' ? r.code : r.commune_code)))
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((acc, r) => acc + f(r), 0)
    const stdVillages = sum((r) => r.standard.villages)
    const stdMeeting = sum((r) => r.standard.villages_meeting)
    return {
      level: metrics.level,
      period: metrics.period,
      filters: metrics.filters,
      method: {
        village_coverage:
          metrics.level === 'commune'
            ? 'unit_metrics(): share of villages covered by an active model of the selected types'
            : 'unit_metrics()',
        standard:
          'standard set per area class (GET /api/stats/standards): a village must be covered by every model type ' +
          'the standards of its classes require (its commune’s classes and its own), by the coverage rules of ' +
          'village coverage (village, commune-wide, radius) and the selected statuses and lead organisations at ' +
          'the end of the period; the types filter does not apply. standard.coverage = villages meeting the ' +
          'standard / villages the standard applies to (null when none)',
        exemplary:
          'exemplary models not dissolved at the end of the period; replicated = those with at least one model ' +
          'replicated from them (replicated_from) founded by then; replicas_received = models in the unit ' +
          'replicating an exemplary model of another unit; exemplary_models lists them with their replicas ' +
          '(null without the read_records permission)',
      },
      totals: {
        ...metrics.totals,
        standard_villages: stdVillages,
        standard_villages_meeting: stdMeeting,
        standard_coverage: stdVillages > 0 ? stdMeeting / stdVillages : null,
        exemplary_replicated: sum((r) => r.exemplary.replicated),
        exemplary_not_replicated: sum((r) => r.exemplary.not_replicated),
      },
      rows,
      /** null for callers without the read_records permission. */
      exemplary_models: exemplary ? exemplary.filter((e) => inScope.has(e.commune_code)) : null,
    }
  })
}
