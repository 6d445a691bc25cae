import type { Scenario } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { ApiError, notFound } from '../../http/errors.ts'

export const SCENARIO_COLUMNS = `id, name, description, shared, owner, changes, from_plan,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_at`

/**
 * Which scenarios the caller may open: their own, and those shared that change nothing outside the caller's
 * scope ($2, commune codes; null for the whole province). A shared scenario that adds a model in another
 * commune, or names a model the caller cannot see (row-level security hides it), would tell a scoped user
 * about units outside their scope: it is not listed, and opening it is answered as missing.
 */
const VISIBLE = `(owner = $1 or (shared and ($2::text[] is null or not exists (
    select 1 from jsonb_array_elements(changes) ch
    where left(ch->>'village_code', 5) <> all($2::text[])
       or (ch ? 'model_id' and not exists (select 1 from security_model m where m.id = ch->>'model_id'))
  ) and not exists (
    select 1 from jsonb_array_elements_text(case jsonb_typeof(from_plan->'sites') when 'array' then from_plan->'sites' else '[]' end) site
    where left(site, 5) <> all($2::text[])
  ))))`

/** The caller's own scenarios and those other planners shared, newest first. */
export async function listScenarios(deps: AppDeps): Promise<Scenario[]> {
  return deps.db.query<Scenario>(
    `select ${SCENARIO_COLUMNS} from scenario where ${VISIBLE} order by updated_at desc, id desc`,
    [deps.principal?.username, deps.principal?.scope ?? null],
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
    `select ${SCENARIO_COLUMNS} from scenario where id = $3 and ${VISIBLE}`,
    [deps.principal?.username, deps.principal?.scope ?? null, id],
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
