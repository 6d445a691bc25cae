import { qs, useApi } from '../api/client.ts'
import { useAtlas } from '../state/store.ts'

/** A unit's standard-set coverage, as GET /api/stats/coverage answers it (api/src/services/stats/coverage.ts). */
export interface StandardCoverage {
  /** model types the standards of the unit's classes require */
  required_types: string[]
  /** villages the standard applies to */
  villages: number
  /** of those, villages covered by every required type */
  villages_meeting: number
  /** villages_meeting / villages; null when no standard applies */
  coverage: number | null
  by_class: { class: string; required: string[]; villages: number; villages_meeting: number }[]
  /** per required type, the applicable villages it does not cover */
  lacking: Record<string, number>
}

export interface StandardRow {
  code: string
  commune_code: string | null
  standard: StandardCoverage
}

export interface CoverageResult {
  level: 'commune' | 'village'
  rows: StandardRow[]
}

/**
 * Standard-set coverage per unit of `level` (one commune's when `commune` is given), for the period in force
 * and the status and lead-organisation filters (the types filter does not apply to a standard).
 */
export function useStandardCoverage(enabled: boolean, level: 'commune' | 'village', commune: string | null) {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const statuses = useAtlas((s) => s.filters.statuses)
  const orgs = useAtlas((s) => s.filters.orgs)
  const classes = useAtlas((s) => s.filters.classes)
  return useApi<CoverageResult>(
    enabled ? `/api/stats/coverage${qs({ level, commune, from, to, statuses, orgs, classes })}` : null,
  )
}
