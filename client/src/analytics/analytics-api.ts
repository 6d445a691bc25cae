// The hooks that load /api/stats/hotspots, /api/priorities and /api/compare for the view in force (their
// answers are the contract's types).
import type { CompareResult, HotspotResult, PriorityResult } from '@antt/contract'
import { filterParams, type Loadable, qs, useApi } from '../api/client.ts'
import { useFilterState } from '../api/hooks.ts'
import type { Level } from '../state/atlas-state.ts'
import { weightParams } from '../state/priority-weights.ts'
import { useAtlas } from '../state/store.ts'

/** Hot-spot statistics of the chosen metric over every commune or every village, for the view's filters. */
export function useHotspots(enabled: boolean, level: Level): Loadable<HotspotResult> {
  const f = useFilterState()
  const h = useAtlas((s) => s.analytics.hotspot)
  return useApi<HotspotResult>(
    enabled
      ? `/api/stats/hotspots${qs({
          level,
          metric: h.metric,
          permutations: h.permutations,
          seed: 1,
          fdr: h.fdr,
          ...filterParams(f, f.filters),
          scenario: f.scenario,
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
  const f = useFilterState()
  const weights = useAtlas((s) => s.analytics.weights)
  return useApi<PriorityResult>(
    enabled
      ? `/api/priorities${qs({
          level,
          ...filterParams(f, f.filters),
          ...(level === 'village' && commune ? { commune } : {}),
          ...weightParams(weights),
          scenario: f.scenario,
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
