import type { DemandKind, PlanKpis, PlanResult } from '@antt/contract'
import { sharedValue } from '../state/shared-value.ts'
import type { KpiKey } from './PlanKpiTable.tsx'

/**
 * A plan frozen for a briefing: where its sites go and what they bring to the area, as it was solved. Saved
 * with a view (state.plan), so that a view shows the plan to whoever opens it, whatever their role may
 * compute: only sites, places and area-wide figures, never a village's demand (incidents may be small counts).
 */
export interface PlanSnapshot {
  model_type: string
  demand: DemandKind
  period: { from: string; to: string }
  total_cost_vnd: number | null
  sites: { rank: number; code: string; name: string; commune: string; lon: number; lat: number }[]
  before: SnapshotKpis
  after: SnapshotKpis
}

/** The area's figures a snapshot keeps; covered demand is null when the demand is a count of incidents. */
export type SnapshotKpis = Record<KpiKey, number | null>

/** The snapshot of a solved plan; sites whose village has no point are left out. */
export function planSnapshot(
  result: PlanResult,
  pointOf: (code: string) => [number, number] | undefined,
  communeName: (code: string) => string,
): PlanSnapshot {
  const p = result.parameters
  const kpis = (k: PlanKpis): SnapshotKpis => ({
    village_coverage: k.village_coverage,
    population_covered: k.population_covered,
    demand_covered: p.demand === 'incidents' ? null : k.demand_covered,
    border_village_coverage: k.border_village_coverage,
  })
  return {
    model_type: p.model_type,
    demand: p.demand,
    period: p.period,
    total_cost_vnd: p.total_cost_vnd,
    sites: result.selected.flatMap((s) => {
      const at = pointOf(s.code)
      return at
        ? [
            {
              rank: s.rank,
              code: s.code,
              name: s.name,
              commune: communeName(s.commune_code),
              lon: at[0],
              lat: at[1],
            },
          ]
        : []
    }),
    before: kpis(result.before),
    after: kpis(result.after),
  }
}

/** Whether a saved view's `plan` is a snapshot this client can draw (views are stored as their author sent them). */
export function isPlanSnapshot(v: unknown): v is PlanSnapshot {
  const p = v as PlanSnapshot | null
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.model_type === 'string' &&
    Array.isArray(p.sites) &&
    p.sites.every((s) => Number.isFinite(s?.lon) && Number.isFinite(s?.lat) && Number.isFinite(s?.rank)) &&
    typeof p.before === 'object' &&
    typeof p.after === 'object'
  )
}

/** The plan a saved view put on the screen (drawn on the map and summarised beside it), or null. */
const shown = sharedValue<PlanSnapshot | null>(null)

export const showPlan = shown.set
export const shownPlan = shown.get
export const useShownPlan = (): PlanSnapshot | null => shown.use()
