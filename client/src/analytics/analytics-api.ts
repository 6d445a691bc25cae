// Response shapes of /api/stats/hotspots, /api/priorities and /api/compare (api/src/services/stats/*), and
// the hooks that load them for the view in force.
import type { HotspotClass, QuadrantLabel, RateChange } from '@antt/analysis'
import { filterParams, type Loadable, qs, useApi } from '../api/client.ts'
import { useScenarioId } from '../scenarios/scenario-api.ts'
import type { HotspotMetric, Period } from '../state/analytics-state.ts'
import type { Level } from '../state/atlas-state.ts'
import { type PriorityComponent, weightParams } from '../state/priority-weights.ts'
import { useAtlas } from '../state/store.ts'

export interface HotspotRow {
  code: string
  name: string
  value: number | null
  neighbours: number
  gi_z: number | null
  gi_p: number | null
  gi_p_fdr: number | null
  gi_class: HotspotClass | null
  moran_i: number | null
  lisa_quadrant: QuadrantLabel | null
  lisa_p: number | null
  lisa_p_fdr: number | null
  lisa_cluster: QuadrantLabel | 'not-significant' | null
}

export interface HotspotResult {
  level: Level
  metric: HotspotMetric
  period: Period
  method: {
    permutations: number
    seed: number
    tolerance_m: number
    gi_star: string
    local_moran: string
    contiguity: string
    fdr: string
    islands: string[]
    [k: string]: unknown
  }
  counts: {
    units: number
    analysed: number
    no_data: number
    islands: number
    gi_class: Record<string, number>
    lisa_cluster: Record<string, number>
  }
  rows: HotspotRow[]
}

export interface PriorityRow {
  code: string
  name: string
  commune_code: string | null
  score: number | null
  /** rank among every unit of the caller's scope (the filter never changes scores or this rank) */
  rank: number | null
  /** rank among the rows the area-class / commune filter returns */
  filter_rank: number | null
  contributions: Partial<Record<PriorityComponent, number>>
  need: number
  lack_of_coverage: number
  components: Record<PriorityComponent, number | null>
  missing: PriorityComponent[]
  values: {
    population: number | null
    incidents: number
    incidents_previous: number
    incident_rate_per_1000: number | null
    incident_rate_eb: number | null
    rate_flagged: boolean
    gi_z: number | null
    is_border: boolean
    is_strategic: boolean
    rate_ratio: number | null
    rate_ratio_lower: number | null
    trend_p: number | null
    village_coverage: number | null
    effective_share: number | null
    evaluation_compliance: number | null
    active_models: number | null
    models_per_1000: number | null
  }
}

export interface PriorityResult {
  level: Level
  period: Period
  previous_period: Period
  weights: Record<PriorityComponent, number>
  weights_normalised: Record<PriorityComponent, number>
  normalise: 'rank' | 'minmax'
  method: { score: string; missing: string; components: Record<PriorityComponent, string> }
  /** units scored and ranked: all of the caller's scope */
  scope_units: number
  /** rows returned: those the filter shows */
  filter_units: number
  rows: PriorityRow[]
}

export interface CompareRow {
  code: string
  name: string
  commune_code: string | null
  population: number
  count_a: number
  count_b: number
  rate_a: number | null
  rate_b: number | null
  rate_ratio: number | null
  ci_lower: number | null
  ci_upper: number | null
  p_value: number | null
  p_value_fdr: number | null
  change_class: RateChange | null
}

export interface CompareResult {
  level: Level
  a: Period & { days: number }
  b: Period & { days: number }
  method: Record<string, string>
  totals: { change_classes: Record<RateChange, number>; [k: string]: unknown }
  rows: CompareRow[]
}

/** Hot-spot statistics of the chosen metric over every commune or every village, for the view's filters. */
export function useHotspots(enabled: boolean, level: Level): Loadable<HotspotResult> {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const filters = useAtlas((s) => s.filters)
  const h = useAtlas((s) => s.analytics.hotspot)
  const scenario = useScenarioId()
  return useApi<HotspotResult>(
    enabled
      ? `/api/stats/hotspots${qs({
          level,
          metric: h.metric,
          permutations: h.permutations,
          seed: 1,
          fdr: h.fdr,
          ...filterParams({ from, to }, filters),
          scenario,
        })}`
      : null,
  )
}

/**
 * Priority scores with the weights in the URL (the request every analytics view shares). `commune` asks for
 * the villages of one commune only (scored among all villages, ranked also among themselves).
 */
export function usePriorities(
  enabled: boolean,
  level: Level,
  commune: string | null = null,
): Loadable<PriorityResult> {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const filters = useAtlas((s) => s.filters)
  const weights = useAtlas((s) => s.analytics.weights)
  const scenario = useScenarioId()
  return useApi<PriorityResult>(
    enabled
      ? `/api/priorities${qs({
          level,
          ...filterParams({ from, to }, filters),
          ...(level === 'village' && commune ? { commune } : {}),
          ...weightParams(weights),
          scenario,
        })}`
      : null,
  )
}

/**
 * Period comparison: B is the period chosen for the change map, else the period in force (else the API's
 * last 12 months); A is the chosen one, else the period of the same length just before B.
 */
export function useCompare(enabled: boolean, level: Level): Loadable<CompareResult> {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const categories = useAtlas((s) => s.filters.categories)
  const classes = useAtlas((s) => s.filters.classes)
  const c = useAtlas((s) => s.analytics.change)
  const b = c.b ?? (from && to ? { from, to } : null)
  return useApi<CompareResult>(
    enabled
      ? `/api/compare${qs({
          level,
          a_from: c.a?.from,
          a_to: c.a?.to,
          b_from: b?.from,
          b_to: b?.to,
          categories,
          classes,
          fdr: c.fdr,
        })}`
      : null,
  )
}
