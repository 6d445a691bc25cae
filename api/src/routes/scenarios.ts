import {
  newScenario,
  rowId,
  type Scenario,
  type ScenarioChange,
  scenarioPatch,
  scenario as scenarioSchema,
} from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import { audit } from '../auth/audit.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { json, params } from '../http/validate.ts'
import { applyChanges } from '../services/scenarios/apply.ts'
import { planChanges } from '../services/scenarios/changes.ts'
import { findScenario, listScenarios, SCENARIO_COLUMNS } from '../services/scenarios/store.ts'

const idParam = params(z.object({ id: rowId }))
const scenarioAnswer = jsonAnswer(z.object({ scenario: scenarioSchema }))

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

const summary = (s: Scenario) => ({ id: s.id, name: s.name, shared: s.shared, changes: s.changes.length })

/**
 * What-if scenarios: named lists of changes to the records, never written to them (migration 020). Saved
 * per user, shared with the other planners on request, audited; the figures under one are asked for with
 * `scenario=<id>` (services/scenarios/middleware.ts).
 */
export const scenarios = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tag: 'Scenarios',
      summary: 'What-if scenarios the caller may open: their own and those shared by other planners',
      responses: { 200: jsonAnswer(z.object({ scenarios: z.array(scenarioSchema) })) },
    }),
    async (c) => c.json({ scenarios: await listScenarios(c.get('deps')) }),
  )
  .get(
    '/:id',
    describeRoute({
      tag: 'Scenarios',
      summary: 'One scenario (own or shared; any other is 404)',
      responses: { 200: scenarioAnswer },
    }),
    idParam,
    async (c) => c.json({ scenario: await findScenario(c.get('deps'), c.req.valid('param').id) }),
  )
  .post(
    '/',
    describeRoute({
      tag: 'Scenarios',
      summary: 'Save a scenario: named changes to the records that are never written to them (audited)',
      description: [
        'A change is one of: `add_model` (a new active model of `model_type` at `village_code`, at the village point), ' +
          '`dissolve_model` (`model_id`), `evaluate_model` (`model_id` evaluated with `rating_code`), `set_cost` ' +
          '(`unit_cost_vnd` of `model_type`, for plans). `from_plan` adds a model of the plan’s type at each of its ' +
          'sites. At most 500 changes.',
        'Changes take effect on the last date of the data, so they show in every period that ends on or after it ' +
          '(the default period). Every change is checked against the records in the caller’s scope before it is ' +
          'saved: a village of a commune outside the scope → 403, a model the caller cannot see → 404, an unknown ' +
          'code → 400, each naming the change (`changes[i].field`).',
        'Metrics, priorities, statistics, unit detail, the model layer and plans take `scenario=<id>` and compute ' +
          'as if the changes were made, in a savepoint of the request’s transaction that is always rolled back.',
      ].join('\n\n'),
      responses: { 201: scenarioAnswer },
    }),
    json(newScenario),
    async (c) => {
      const deps = c.get('deps')
      const body = c.req.valid('json')
      const changes = [...body.changes, ...(body.from_plan ? planChanges(body.from_plan) : [])]
      await checkChanges(deps, changes)
      const [scenario] = await deps.db.query<Scenario>(
        `insert into scenario (name, description, shared, changes, from_plan, owner)
       values ($1, $2, $3, $4::jsonb, $5::jsonb, $6) returning ${SCENARIO_COLUMNS}`,
        [
          body.name,
          body.description,
          body.shared,
          JSON.stringify(changes),
          body.from_plan ? JSON.stringify(body.from_plan) : null,
          deps.principal?.username,
        ],
      )
      await audit(deps.db, deps.principal, deps.ip, {
        action: 'scenario_create',
        target: `scenario:${scenario.id}`,
        details: { ...summary(scenario), from_plan: body.from_plan ?? null },
      })
      return c.json({ scenario }, 201)
    },
  )
  .patch(
    '/:id',
    describeRoute({
      tag: 'Scenarios',
      summary: 'Rename, share or change a scenario (its owner only; audited)',
      description: '`changes` replaces the list and is checked as on creation.',
      responses: { 200: scenarioAnswer },
    }),
    idParam,
    json(scenarioPatch),
    async (c) => {
      const deps = c.get('deps')
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const before = await findScenario(deps, id, { forChange: true })
      if (body.changes) await checkChanges(deps, body.changes)
      const [scenario] = await deps.db.query<Scenario>(
        `update scenario set name = coalesce($2, name), description = coalesce($3, description),
         shared = coalesce($4, shared), changes = coalesce($5::jsonb, changes), updated_at = now()
       where id = $1 returning ${SCENARIO_COLUMNS}`,
        [
          id,
          body.name ?? null,
          body.description ?? null,
          body.shared ?? null,
          body.changes ? JSON.stringify(body.changes) : null,
        ],
      )
      await audit(deps.db, deps.principal, deps.ip, {
        action: 'scenario_update',
        target: `scenario:${id}`,
        details: { before: summary(before), after: summary(scenario), changes_replaced: !!body.changes },
      })
      return c.json({ scenario })
    },
  )
  .delete(
    '/:id',
    describeRoute({
      tag: 'Scenarios',
      summary: 'Delete a scenario (its owner only; audited)',
      responses: { 200: jsonAnswer(z.object({ ok: z.literal(true) })) },
    }),
    idParam,
    async (c) => {
      const deps = c.get('deps')
      const { id } = c.req.valid('param')
      const before = await findScenario(deps, id, { forChange: true })
      await deps.db.query('delete from scenario where id = $1', [id])
      await audit(deps.db, deps.principal, deps.ip, {
        action: 'scenario_delete',
        target: `scenario:${id}`,
        details: summary(before),
      })
      return c.json({ ok: true })
    },
  )
