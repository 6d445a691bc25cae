import { newScenario, scenarioPatch, scenario as scenarioSchema } from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { json, rowIdParam } from '../http/validate.ts'
import {
  createScenario,
  deleteScenario,
  findScenario,
  listScenarios,
  updateScenario,
} from '../services/scenarios/store.ts'

const doc = describeTag('Scenarios')

const scenarioAnswer = jsonAnswer(z.object({ scenario: scenarioSchema }))

/**
 * What-if scenarios: named lists of changes to the records, never written to them (migration 020). Saved
 * per user, shared with the other planners on request, audited; the figures under one are asked for with
 * `scenario=<id>` (services/scenarios/middleware.ts).
 */
export const scenarios = new Hono<AppEnv>()
  .get(
    '/',
    doc('What-if scenarios the caller may open: their own and those shared by other planners', {
      200: jsonAnswer(z.object({ scenarios: z.array(scenarioSchema) })),
    }),
    async (c) => c.json({ scenarios: await listScenarios(c.get('deps')) }),
  )
  .get(
    '/:id',
    doc('One scenario (own or shared; any other is 404)', { 200: scenarioAnswer }),
    rowIdParam,
    async (c) => c.json({ scenario: await findScenario(c.get('deps'), c.req.valid('param').id) }),
  )
  .post(
    '/',
    doc(
      'Save a scenario: named changes to the records that are never written to them (audited)',
      { 201: scenarioAnswer },
      {
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
      },
    ),
    json(newScenario),
    async (c) => c.json({ scenario: await createScenario(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .patch(
    '/:id',
    doc(
      'Rename, share or change a scenario (its owner only; audited)',
      { 200: scenarioAnswer },
      { description: '`changes` replaces the list and is checked as on creation.' },
    ),
    rowIdParam,
    json(scenarioPatch),
    async (c) =>
      c.json({ scenario: await updateScenario(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .delete(
    '/:id',
    doc('Delete a scenario (its owner only; audited)', {
      200: jsonAnswer(z.object({ ok: z.literal(true) })),
    }),
    rowIdParam,
    async (c) => {
      await deleteScenario(c.get('deps'), c.req.valid('param').id)
      return c.json({ ok: true as const })
    },
  )
