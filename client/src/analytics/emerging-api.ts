// The hook that loads /api/stats/emerging (its answer is the contract's type) for the view in force.
import type { EmergingResult, EmergingRow } from '@antt/contract'
import { type Loadable, qs, useApi } from '../api/client.ts'
import type { Level } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'

export type EmergingStepValue = EmergingRow['series'][number]

/** Permutations of the map's request: enough for p < 0.10 bins, quick enough for villages (BENCHMARKS.md). */
export const EMERGING_PERMUTATIONS = 199

/**
 * Emerging hot spots of incidents by month over the view's period when it has at least four months, else
 * over the API's default (the last 24 months of data); the incident categories of the view's filter.
 */
export function useEmerging(enabled: boolean, level: Level): Loadable<EmergingResult> {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const categories = useAtlas((s) => s.filters.categories)
  const longEnough = from !== null && to !== null && monthsSpanned(from, to) >= 4
  return useApi<EmergingResult>(
    enabled
      ? `/api/stats/emerging${qs({
          level,
          metric: 'incidents',
          step: 'month',
          from: longEnough ? from : undefined,
          to: longEnough ? to : undefined,
          categories: categories.length ? categories : undefined,
          permutations: EMERGING_PERMUTATIONS,
        })}`
      : null,
  )
}

/** Calendar months touched by the period, both ends included. */
export function monthsSpanned(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number)
  const [ty, tm] = to.split('-').map(Number)
  return (ty - fy) * 12 + (tm - fm) + 1
}
