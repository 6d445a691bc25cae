// What-if scenarios: stored per user, shared on request, checked before they are saved, audited.
import type { newScenario, Scenario, ScenarioChange, scenarioPatch } from '@antt/contract'
import type { z } from 'zod'
import { auditRequest } from '../../auth/audit.ts'
import type { AppDeps } from '../../context.ts'
import { ApiError, notFound } from '../../http/errors.ts'
import { applyChanges } from './apply.ts'
import { planChanges } from './changes.ts'

export const SCENARIO_COLUMNS = `id, name, description, shared, owner, changes, from_plan,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_at`

/**
 * Which scenarios the caller may open: their own, and those shared that change nothing outside the caller's
 * scope ($2, commune codes; null for the whole province). A shared scenario that adds a model in another
 * commune, or names a model the caller cannot see (row-level security hides it), would tell a scoped user
 * about units outside their scope: it is not listed, and opening it is answered as missing. The models are
 * looked up with an uncorrelated IN: a Citus cluster joins no correlated subquery over a distributed table to
 * a table of the coordinator.
 */
const VISIBLE = `(owner = $1 or (shared and ($2::text[] is null or not exists (
    select 1 from jsonb_array_elements(changes) ch
    where left(ch->>'village_code', 5) <> all($2::text[])
       or (ch ? 'model_id' and not coalesce(ch->>'model_id' in (select m.id from security_model m), false))
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

/**
 * Checks the changes by making them in a savepoint that is rolled back: what is saved could be applied now,
 * in the caller's scope, and every refusal names the change (changes[i].field).
 */
async function checkChanges(deps: AppDeps, changes: readonly ScenarioChange[]) {
  const { to } = await deps.catalog.range()
  await deps.db.exec('savepoint scenario_check')
  try {
    await applyChanges(deps, changes, to)
  } finally {
    await deps.db.exec('rollback to savepoint scenario_check; release savepoint scenario_check')
  }
}

/** A scenario as answered, by id, whoever may see it (the caller has just written it). */
async function readScenario(deps: AppDeps, id: number): Promise<Scenario> {
  const [scenario] = await deps.db.query<Scenario>(`select ${SCENARIO_COLUMNS} from scenario where id = $1`, [
    id,
  ])
  return scenario
}

/** What the audit log keeps of a scenario. */
const summary = (s: Scenario) => ({ id: s.id, name: s.name, shared: s.shared, changes: s.changes.length })

/** Saves a scenario of the caller's, its plan's sites added as changes, once every change has been checked. */
export async function createScenario(deps: AppDeps, body: z.output<typeof newScenario>): Promise<Scenario> {
  const changes = [...body.changes, ...(body.from_plan ? planChanges(body.from_plan) : [])]
  await checkChanges(deps, changes)
  // `returning id`, then the answer's columns: a Citus cluster takes no function but an immutable one (to_char
  // of a time) in the RETURNING clause of a write
  const [written] = await deps.db.query<{ id: number }>(
    `insert into scenario (name, description, shared, changes, from_plan, owner)
     values ($1, $2, $3, $4::jsonb, $5::jsonb, $6) returning id`,
    [
      body.name,
      body.description,
      body.shared,
      JSON.stringify(changes),
      body.from_plan ? JSON.stringify(body.from_plan) : null,
      deps.principal?.username,
    ],
  )
  const scenario = await readScenario(deps, written.id)
  await auditRequest(deps, {
    action: 'scenario_create',
    target: `scenario:${scenario.id}`,
    details: { ...summary(scenario), from_plan: body.from_plan ?? null },
  })
  return scenario
}

/** Renames, shares or changes a scenario of the caller's; new changes are checked as on creation. */
export async function updateScenario(
  deps: AppDeps,
  id: number,
  body: z.output<typeof scenarioPatch>,
): Promise<Scenario> {
  const before = await findScenario(deps, id, { forChange: true })
  if (body.changes) await checkChanges(deps, body.changes)
  const [written] = await deps.db.query<{ id: number }>(
    `update scenario set name = coalesce($2, name), description = coalesce($3, description),
       shared = coalesce($4, shared), changes = coalesce($5::jsonb, changes), updated_at = now()
     where id = $1 returning id`,
    [
      id,
      body.name ?? null,
      body.description ?? null,
      body.shared ?? null,
      body.changes ? JSON.stringify(body.changes) : null,
    ],
  )
  const scenario = await readScenario(deps, written.id)
  await auditRequest(deps, {
    action: 'scenario_update',
    target: `scenario:${id}`,
    details: { before: summary(before), after: summary(scenario), changes_replaced: !!body.changes },
  })
  return scenario
}

/** Deletes a scenario of the caller's. */
export async function deleteScenario(deps: AppDeps, id: number): Promise<void> {
  const before = await findScenario(deps, id, { forChange: true })
  await deps.db.query('delete from scenario where id = $1', [id])
  await auditRequest(deps, {
    action: 'scenario_delete',
    target: `scenario:${id}`,
    details: summary(before),
  })
}
