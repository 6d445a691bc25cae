import type { PlanKpis } from '@antt/contract'
// Shapes of POST /api/plans/optimize and /cover (api/src/services/plans/optimize.ts, cover.ts) and the calls
// the planner makes.
import { csrfToken, qs, request } from '../api/client.ts'

export type DemandKind = 'population' | 'incidents' | 'need'

export interface PlanRequest {
  model_type: string
  count: number | null
  budget: number | null
  radius_m: number | null
  demand: DemandKind
  communes: string[] | null
  from?: string
  to?: string
  include: string[]
  exclude: string[]
  time_limit_s: number
}

export type { PlanKpis } from '@antt/contract'

export interface PlanSite {
  rank: number
  code: string
  name: string
  commune_code: string
  gain: number
  locked: boolean
  cost_vnd: number | null
  covers: string[]
  only: string[]
  only_demand: number
  equivalent_sites: string[]
}

export interface CurvePoint {
  k: number
  optimal: number | null
  greedy: number
  marginal: number | null
  status: string
}

export interface PlanResult {
  status: 'optimal' | 'time_limit' | string
  objective: number
  gap: number | null
  greedy_objective: number
  solver: 'highs'
  time_ms: number
  parameters: {
    model_type: string
    coverage_rule: 'village' | 'commune' | 'radius'
    radius_m: number | null
    demand: DemandKind
    count: number
    unit_cost_vnd: number | null
    total_cost_vnd: number | null
    period: { from: string; to: string }
  }
  selected: PlanSite[]
  greedy: { objective: number; selected: string[] }
  curve: CurvePoint[]
  demand: Record<string, number>
  already_covered: string[]
  coverage: Record<string, string[]>
  before: PlanKpis
  after: PlanKpis
}

export interface CoverRequest {
  model_type: string
  target: 'border' | 'all'
  /** 0–1 */
  share: number
  radius_m: number | null
  communes: string[] | null
  from?: string
  to?: string
  include: string[]
  exclude: string[]
  time_limit_s: number
}

export interface CoverResult {
  status: 'optimal' | 'time_limit' | 'infeasible' | string
  /** fewest new models; null when infeasible */
  models: number | null
  greedy_models: number | null
  gap: number | null
  time_ms: number
  parameters: { model_type: string; target: 'border' | 'all'; share: number; total_cost_vnd: number | null }
  target: {
    villages: number
    covered_before: number
    needed: number
    reachable: number
    covered_after: number
  }
  selected: {
    rank: number
    code: string
    name: string
    commune_code: string
    gain: number
    covers: string[]
  }[]
  before: PlanKpis
  after: PlanKpis
}

export interface UnitCost {
  type_code: string
  unit_cost_vnd: number | null
}

/** Plans start from the records as the scenario in force (if any) would leave them. */
export const runPlan = (body: PlanRequest, scenario: number | null) =>
  request.post<PlanResult>(`/api/plans/optimize${qs({ scenario })}`, body)

export const runCover = (body: CoverRequest, scenario: number | null) =>
  request.post<CoverResult>(`/api/plans/cover${qs({ scenario })}`, body)

export const loadCosts = (scenario: number | null) =>
  request.get<{ costs: UnitCost[] }>(`/api/plans/costs${qs({ scenario })}`)

/** Asks the server for the plan as XLSX (the sites shown, re-checked there) and saves it. */
export async function downloadPlanXlsx(plan: PlanRequest, sites: string[], lang: 'vi' | 'en') {
  const csrf = (await csrfToken()) ?? ''
  const res = await fetch('/api/plans/export', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ plan, sites, lang }),
  })
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
    throw new Error(body?.error?.message ?? res.statusText)
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'antt-plan.xlsx'
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
