import { z } from 'zod'

// What a scenario may change, and the request bodies of /api/scenarios; shared by the routes and the
// OpenAPI document.

/** Most changes one scenario holds (a plan proposes at most 500 sites). */
export const MAX_SCENARIO_CHANGES = 500

const typeCode = z
  .string({ message: 'expected a model type code' })
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a model type code')
const villageCode = z
  .string({ message: 'expected a village code' })
  .regex(/^\d{5}-\d{3}$/, 'expected a village code (5 digits-3 digits)')
const modelId = z
  .string({ message: 'expected a model id' })
  .regex(/^[\p{L}\p{N}_.\-/]{1,64}$/u, 'expected a model id')
const code = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a code')

export const scenarioChange = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('add_model'),
        model_type: typeCode,
        village_code: villageCode,
        /** lead organisation of the new model; default police */
        lead_org_code: code.default('police'),
      })
      .strict()
      .meta({ description: 'a new active model of the type at the village (at the village point)' }),
    z
      .object({ kind: z.literal('dissolve_model'), model_id: modelId })
      .strict()
      .meta({ description: 'an existing model dissolved' }),
    z
      .object({ kind: z.literal('evaluate_model'), model_id: modelId, rating_code: code })
      .strict()
      .meta({ description: 'an evaluation of an existing model done, with its rating' }),
    z
      .object({
        kind: z.literal('set_cost'),
        model_type: typeCode,
        unit_cost_vnd: z
          .number({ message: 'expected an amount in VND' })
          .int('expected a whole number of VND')
          .min(0, 'must not be negative')
          .max(9_999_999_999_999, 'must be below 10^13 VND'),
      })
      .strict()
      .meta({ description: 'the unit cost of a model type changed (plans)' }),
  ],
  { message: 'expected kind add_model, dissolve_model, evaluate_model or set_cost' },
)
export type ScenarioChange = z.output<typeof scenarioChange>

const changes = z.array(scenarioChange).max(MAX_SCENARIO_CHANGES, `at most ${MAX_SCENARIO_CHANGES} changes`)

/** A plan turned into a scenario: a new model of the plan's type at each of its sites. */
const fromPlan = z
  .object({
    model_type: typeCode,
    sites: z.array(villageCode).min(1, 'give at least one site').max(MAX_SCENARIO_CHANGES),
    lead_org_code: code.default('police'),
  })
  .strict()

const name = z.string({ message: 'expected a name' }).trim().min(1, 'must not be empty').max(200)
const description = z.string().trim().max(2000)

export const newScenario = z
  .object({
    name,
    description: description.default(''),
    shared: z.boolean().default(false),
    changes: changes.default([]),
    from_plan: fromPlan.optional(),
  })
  .strict()
  .refine((s) => s.changes.length + (s.from_plan?.sites.length ?? 0) <= MAX_SCENARIO_CHANGES, {
    message: `at most ${MAX_SCENARIO_CHANGES} changes`,
    path: ['changes'],
  })

export const scenarioPatch = z
  .object({
    name: name.optional(),
    description: description.optional(),
    shared: z.boolean().optional(),
    changes: changes.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' })

/** `scenario=<id>` on the endpoints that compute as if the scenario's changes were made. */
/** The changes a plan stands for. */
export function planChanges(plan: z.output<typeof fromPlan>): ScenarioChange[] {
  return [...new Set(plan.sites)].map((village_code) => ({
    kind: 'add_model',
    model_type: plan.model_type,
    village_code,
    lead_org_code: plan.lead_org_code,
  }))
}
