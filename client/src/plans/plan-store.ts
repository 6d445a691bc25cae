import type { CoverResult, PlanRequest, PlanResult } from '@antt/contract'
import { useSyncExternalStore } from 'react'

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

let state: PlanState = {
  goal: 'optimize',
  request: null,
  result: null,
  cover: null,
  running: false,
  error: null,
}
const listeners = new Set<() => void>()

export function setPlan(patch: Partial<PlanState>) {
  state = { ...state, ...patch }
  for (const l of listeners) l()
}

export function usePlan<T>(select: (s: PlanState) => T): T {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => select(state),
  )
}
