// What-if scenarios (/api/scenarios, api/src/routes/scenarios.ts): the list, creating one from a plan, and
// which one the dashboard is computed under.
import type { NewScenario, Scenario, ScenarioPatch } from '@antt/contract'
import { useEffect } from 'react'
import { request, useMay } from '../api/client.ts'
import { useScenarioId } from '../api/hooks.ts'
import { sharedValue } from '../state/shared-value.ts'

/** The scenarios the caller may open, loaded once and after every change made here. */
const listed = sharedValue<Scenario[] | null>(null)
let loading: Promise<void> | null = null
const publish = listed.set

export function reloadScenarios(): Promise<void> {
  loading = request.get<{ scenarios: Scenario[] }>('/api/scenarios').then(
    (r) => publish(r.scenarios),
    () => publish([]),
  )
  return loading
}

/** The scenarios, or null until they are known (and always null for roles that may not plan). */
export function useScenarios(): Scenario[] | null {
  const may = useMay('plan')
  useEffect(() => {
    if (may && !loading) void reloadScenarios()
  }, [may])
  const list = listed.use()
  return may ? list : null
}

/** The scenario in force, with its name, once the list is known. */
export function useActiveScenario(): { id: number; scenario: Scenario | undefined } | null {
  const id = useScenarioId()
  const list = useScenarios()
  return id === null ? null : { id, scenario: list?.find((s) => s.id === id) }
}

export async function createScenario(body: NewScenario): Promise<Scenario> {
  const { scenario } = await request.post<{ scenario: Scenario }>('/api/scenarios', body)
  await reloadScenarios()
  return scenario
}

export async function deleteScenario(id: number): Promise<void> {
  await request.delete(`/api/scenarios/${id}`)
  await reloadScenarios()
}

export async function shareScenario(id: number, shared: boolean): Promise<void> {
  await request.patch(`/api/scenarios/${id}`, { shared } satisfies ScenarioPatch)
  await reloadScenarios()
}
