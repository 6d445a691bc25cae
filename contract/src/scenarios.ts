// What-if scenarios (/api/scenarios): what a scenario may change, the request bodies, and a scenario as the
// API answers it.
import { z } from 'zod'
import { modelTypeCode, unitCostVnd } from './plans.ts'
import { count, named } from './registry.ts'

/** Most changes one scenario holds (a plan proposes at most 500 sites). */
export const MAX_SCENARIO_CHANGES = 500

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
        model_type: modelTypeCode,
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
      .object({ kind: z.literal('set_cost'), model_type: modelTypeCode, unit_cost_vnd: unitCostVnd })
      .strict()
      .meta({ description: 'the unit cost of a model type changed (plans)' }),
  ],
  { message: 'expected kind add_model, dissolve_model, evaluate_model or set_cost' },
)
/** A change as stored and answered (defaults applied). */
export type ScenarioChange = z.output<typeof scenarioChange>

const changes = z.array(scenarioChange).max(MAX_SCENARIO_CHANGES, `at most ${MAX_SCENARIO_CHANGES} changes`)

/** A plan turned into a scenario: a new model of the plan's type at each of its sites. */
export const fromPlan = z
  .object({
    model_type: modelTypeCode,
    sites: z.array(villageCode).min(1, 'give at least one site').max(MAX_SCENARIO_CHANGES),
    lead_org_code: code.default('police'),
  })
  .strict()
export type FromPlan = z.output<typeof fromPlan>

const name = z.string({ message: 'expected a name' }).trim().min(1, 'must not be empty').max(200)
const description = z.string().trim().max(2000)

/** Body of POST /api/scenarios. */
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
/** A new scenario as the client sends it (defaults may be left out). */
export type NewScenario = z.input<typeof newScenario>

/** Body of PATCH /api/scenarios/{id}. */
export const scenarioPatch = z
  .object({
    name: name.optional(),
    description: description.optional(),
    shared: z.boolean().optional(),
    changes: changes.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' })
export type ScenarioPatch = z.input<typeof scenarioPatch>

export const scenario = named(
  'Scenario',
  z.object({
    id: count,
    name: z.string(),
    description: z.string(),
    shared: z.boolean(),
    owner: z.string(),
    changes: z.array(scenarioChange),
    from_plan: fromPlan.nullable().meta({ description: 'the plan the scenario was made from, if any' }),
    created_at: z.string().meta({ format: 'date-time' }),
    updated_at: z.string().meta({ format: 'date-time' }),
  }),
)
export type Scenario = z.infer<typeof scenario>
