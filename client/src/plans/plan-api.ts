// The calls the planner makes to /api/plans; the bodies and answers are the contract's (@antt/contract).
import type { CoverRequest, CoverResult, PlanRequest, PlanResult, UnitCostList } from '@antt/contract'
import { csrfToken, qs, request } from '../api/client.ts'

/** Plans start from the records as the scenario in force (if any) would leave them. */
export const runPlan = (body: PlanRequest, scenario: number | null) =>
  request.post<PlanResult>(`/api/plans/optimize${qs({ scenario })}`, body)

export const runCover = (body: CoverRequest, scenario: number | null) =>
  request.post<CoverResult>(`/api/plans/cover${qs({ scenario })}`, body)

export const loadCosts = (scenario: number | null) =>
  request.get<UnitCostList>(`/api/plans/costs${qs({ scenario })}`)

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
