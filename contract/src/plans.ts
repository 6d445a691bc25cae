// The planner (/api/plans): request bodies as the API validates them, and its answers as the API sends them
// and the client reads them.
import { z } from 'zod'
import { communeCode, isoDate } from './params.ts'
import { count, named, period } from './registry.ts'

/** Largest radius a plan may give a new site, metres. */
export const MAX_PLAN_RADIUS_M = 20_000

/** Longest time limit a plan may ask of the solver, seconds. */
export const MAX_PLAN_TIME_LIMIT_S = 60

/** What a village's demand is counted in. */
export const DEMAND_KINDS = ['population', 'incidents', 'need'] as const
export type DemandKind = (typeof DEMAND_KINDS)[number]

/** How a new model covers villages (the model type's `coverage` in the taxonomy). */
export const COVERAGE_RULES = ['village', 'commune', 'radius'] as const
export type CoverageRule = (typeof COVERAGE_RULES)[number]

/** A model type code (types are data: the taxonomy lists them). */
export const modelTypeCode = z
  .string({ message: 'expected a model type code' })
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a model type code')

/** A unit cost in VND: a whole number below 10^13. */
export const unitCostVnd = z
  .number({ message: 'expected an amount in VND' })
  .int('expected a whole number of VND')
  .min(0, 'must not be negative')
  .max(9_999_999_999_999, 'must be below 10^13 VND')

const planVillageCode = z.string().regex(/^\d{5}-\d{3}$/, 'expected village codes (5 digits-3 digits)')
const villageList = z.array(planVillageCode).max(500, 'at most 500 villages').default([])

/** Fields shared by the maximal covering and the set covering forms. */
const planFields = {
  model_type: modelTypeCode,
  radius_m: z
    .number({ message: 'expected a number of metres' })
    .min(0, `must be between 0 and ${MAX_PLAN_RADIUS_M} m`)
    .max(MAX_PLAN_RADIUS_M, `must be between 0 and ${MAX_PLAN_RADIUS_M} m`)
    .nullish(),
  communes: z.array(communeCode).min(1, 'give at least one commune, or leave it out').max(200).nullish(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  include: villageList,
  exclude: villageList,
  time_limit_s: z
    .number({ message: 'expected a number of seconds' })
    .gt(0, `must be more than 0 and at most ${MAX_PLAN_TIME_LIMIT_S} s`)
    .max(MAX_PLAN_TIME_LIMIT_S, `must be more than 0 and at most ${MAX_PLAN_TIME_LIMIT_S} s`)
    .default(10),
}

/** Body of POST /api/plans/optimize: maximal covering with `count` new models or a budget's worth. */
export const optimizeBody = z
  .object({
    level: z.literal('village', { message: 'only village is supported' }).default('village'),
    count: z
      .number({ message: 'expected a whole number' })
      .int('expected a whole number')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .nullish(),
    budget: z
      .number({ message: 'expected an amount in VND' })
      .min(0, 'must not be negative')
      .max(1e13, 'must be at most 10^13 VND')
      .nullish(),
    demand: z.enum(DEMAND_KINDS, { message: 'expected population, incidents or need' }).default('population'),
    ...planFields,
  })
  .strict()
/** The optimize request as the client sends it (defaults may be left out). */
export type PlanRequest = z.input<typeof optimizeBody>
/** The optimize request as the API reads it, defaults applied. */
export type OptimizeRequest = z.output<typeof optimizeBody>

/** Body of POST /api/plans/cover: the fewest models that bring the target villages to a covered share. */
export const coverBody = z
  .object({
    target: z.enum(['border', 'all'], { message: 'expected border or all' }).default('border'),
    share: z
      .number({ message: 'expected a share between 0 and 1' })
      .min(0, 'must be between 0 and 1')
      .max(1, 'must be between 0 and 1'),
    ...planFields,
  })
  .strict()
export type CoverRequest = z.input<typeof coverBody>
export type CoverRequestParsed = z.output<typeof coverBody>

/** Body of PATCH /api/plans/costs/{type}. */
export const costBody = z.object({ unit_cost_vnd: unitCostVnd }).strict()

/** The export of a plan: the request that made it, and the sites as shown (re-checked, never trusted). */
export const planExportBody = z
  .object({
    plan: optimizeBody,
    sites: z.array(planVillageCode).min(1).max(500),
    lang: z.enum(['vi', 'en'], { message: 'expected vi or en' }).default('vi'),
  })
  .strict()

/** Coverage of the plan's area before or after the proposed sites. */
export const planKpis = named(
  'PlanKpis',
  z
    .object({
      villages: count,
      villages_covered: count,
      village_coverage: z
        .number()
        .nullable()
        .meta({ description: "share of the area's villages covered by a model of the type" }),
      population: z.number(),
      population_covered: z.number(),
      population_coverage: z.number().nullable(),
      demand: z.number().meta({ description: "Σ demand of the area's villages" }),
      demand_covered: z.number(),
      demand_coverage: z.number().nullable(),
      border_villages: count,
      border_villages_covered: count,
      border_village_coverage: z
        .number()
        .nullable()
        .meta({ description: 'null when the area has no border village' }),
    })
    .meta({ description: "coverage of the plan's area; shares 0–1, null where the area has none" }),
)
export type PlanKpis = z.infer<typeof planKpis>

const solverStatus = z.string().meta({
  description: 'optimal, time_limit (best found within the limit), infeasible, or another HiGHS model status',
})

/** A proposed site, as both forms number them (in order of marginal gain). */
const siteFields = {
  rank: count,
  code: z.string().meta({ description: 'village code of the site' }),
  name: z.string(),
  commune_code: z.string(),
  locked: z.boolean().meta({ description: 'locked in by the request (include)' }),
  covers: z
    .array(z.string())
    .meta({ description: 'villages the site newly covers, given the sites before it' }),
}

export const planSite = named(
  'PlanSite',
  z.object({
    ...siteFields,
    gain: z.number().meta({ description: 'demand newly covered, given the sites before it' }),
    cost_vnd: z.number().nullable(),
    only: z
      .array(z.string())
      .meta({ description: 'villages no other chosen site and no existing model covers' }),
    only_demand: z.number(),
    equivalent_sites: z
      .array(z.string())
      .meta({ description: 'villages whose site would cover exactly the same villages' }),
  }),
)
export type PlanSite = z.infer<typeof planSite>

export const curvePoint = named(
  'CurvePoint',
  z
    .object({
      k: count,
      optimal: z.number().nullable().meta({ description: 'null where not solved within the time' }),
      greedy: z.number(),
      marginal: z
        .number()
        .nullable()
        .meta({ description: 'optimum(k) − optimum(k − 1) where both are known' }),
      status: z.string().meta({ description: 'the solve of this k: optimal, time_limit or not_solved' }),
    })
    .meta({ description: 'covered demand with k new models' }),
)
export type CurvePoint = z.infer<typeof curvePoint>

/** What both forms report of the plan's type, area and period. */
const parameterFields = {
  model_type: z.string(),
  coverage_rule: z.enum(COVERAGE_RULES),
  radius_m: z.number().nullable(),
  communes: z.array(z.string()).nullable(),
  period,
  include: z.array(z.string()),
  exclude: z.array(z.string()),
  unit_cost_vnd: z.number().nullable(),
  total_cost_vnd: z.number().nullable(),
}

export const planResult = named(
  'PlanResult',
  z.object({
    status: solverStatus,
    objective: z.number().meta({ description: 'demand of the villages newly covered by the selected sites' }),
    gap: z.number().nullable(),
    greedy_objective: z.number(),
    solver: z.literal('highs'),
    time_ms: count,
    solver_time_ms: count,
    parameters: z.object({
      ...parameterFields,
      demand: z.enum(DEMAND_KINDS),
      count,
      budget: z.number().nullable(),
      time_limit_s: z.number(),
    }),
    selected: z.array(planSite),
    greedy: z.object({ objective: z.number(), selected: z.array(z.string()) }),
    curve: z.array(curvePoint),
    demand: z.record(z.string(), z.number()).meta({ description: 'demand of each village of the area' }),
    already_covered: z.array(z.string()),
    coverage: z
      .record(z.string(), z.array(z.string()))
      .meta({ description: 'the villages each candidate site would cover' }),
    before: planKpis,
    after: planKpis,
    method: z.object({
      objective: z.string(),
      coverage: z.string(),
      demand: z.string(),
      order: z.string(),
      greedy: z.string(),
      curve: z.string(),
      candidates: z.string(),
    }),
  }),
)
export type PlanResult = z.infer<typeof planResult>

export const coverResult = named(
  'CoverResult',
  z.object({
    status: solverStatus,
    models: count.nullable().meta({ description: 'fewest new models; null when infeasible' }),
    greedy_models: count.nullable(),
    gap: z.number().nullable(),
    solver: z.literal('highs'),
    time_ms: count,
    parameters: z.object({
      ...parameterFields,
      target: z.enum(['border', 'all']),
      share: z.number(),
    }),
    target: z.object({
      villages: count,
      covered_before: count,
      needed: count,
      reachable: count.meta({
        description: 'most target villages the allowed sites could newly cover all together',
      }),
      covered_after: count,
    }),
    selected: z.array(
      z.object({ ...siteFields, gain: count.meta({ description: 'target villages newly covered' }) }),
    ),
    greedy: z.object({ selected: z.array(z.string()).nullable() }),
    before: planKpis,
    after: planKpis,
    method: z.object({ objective: z.string(), gain: z.string() }),
  }),
)
export type CoverResult = z.infer<typeof coverResult>

export const unitCostRow = named(
  'UnitCost',
  z.object({
    type_code: z.string(),
    name_vi: z.string(),
    name_en: z.string(),
    unit_cost_vnd: z.number().nullable().meta({ description: 'VND; null where none is set' }),
    updated_by: z.string().nullable(),
    updated_at: z.string().nullable(),
  }),
)
export type UnitCost = z.infer<typeof unitCostRow>

/** GET /api/plans/costs. */
export const unitCostList = z.object({ costs: z.array(unitCostRow) })
export type UnitCostList = z.infer<typeof unitCostList>
