import type { CoverResult, PlanRequest, PlanResult } from '@antt/contract'
import { sharedValue } from '../state/shared-value.ts'

/** The planner's last answers, shared by the panel and the map (not part of the address: they are results). */
export interface PlanState {
  /** which question the panel asks and the map shows: most demand for N models, or fewest models for a share */
  goal: 'optimize' | 'cover'
  request: PlanRequest | null
  result: PlanResult | null
  cover: CoverResult | null
  running: boolean
  error: string | null
}

const plan = sharedValue<PlanState>({
  goal: 'optimize',
  request: null,
  result: null,
  cover: null,
  running: false,
  error: null,
})

export const setPlan = plan.patch
export const usePlan = <T>(select: (s: PlanState) => T): T => plan.use(select)
