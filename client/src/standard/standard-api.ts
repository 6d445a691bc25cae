import type { CoverageResult as Coverage, CoverageRow, StandardCoverage } from '@antt/contract'
import { qs, useApi } from '../api/client.ts'
import { useAtlas } from '../state/store.ts'

/** What the standard-set view reads of a coverage row and answer. */
export type StandardRow = Pick<CoverageRow, 'code' | 'commune_code' | 'standard'>
export type CoverageResult = Pick<Coverage, 'level'> & { rows: StandardRow[] }
export type { StandardCoverage }

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
