import type { AppDeps } from '../../context.ts'
import { ApiError, notFound } from '../../http/errors.ts'
import type { ScenarioChange } from './changes.ts'

export interface Scenario {
  id: number
  name: string
  description: string
  shared: boolean
  owner: string
  changes: ScenarioChange[]
  from_plan: unknown
  created_at: string
  updated_at: string
}

export const SCENARIO_COLUMNS = `id, name, description, shared, owner, changes, from_plan,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_at`

/** The caller's own scenarios and those other planners shared, newest first. */
export async function listScenarios(deps: AppDeps): Promise<Scenario[]> {
  return deps.db.query<Scenario>(
    `select ${SCENARIO_COLUMNS} from scenario where owner = $1 or shared order by updated_at desc, id desc`,
    [deps.principal?.username],
  )
}

/**
 * A scenario the caller may open: their own, or a shared one; any other is answered as missing (404), so
 * that private scenarios cannot be counted. `forChange` also requires the caller to own it (403).
 */
export async function findScenario(
  deps: AppDeps,
  id: number,
  opts: { field?: string; forChange?: boolean } = {},
): Promise<Scenario> {
  const field = opts.field ?? 'id'
  const [s] = await deps.db.query<Scenario>(
    `select ${SCENARIO_COLUMNS} from scenario where id = $1 and (owner = $2 or shared)`,
    [id, deps.principal?.username],
  )
  if (!s) throw notFound(`scenario ${id}`, field)
  if (opts.forChange && s.owner !== deps.principal?.username)
    throw new ApiError(
      403,
      'forbidden',
      `scenario ${id} belongs to ${s.owner}; only its owner may change it`,
      [{ field, problem: 'not yours' }],
    )
  return s
}
