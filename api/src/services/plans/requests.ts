import { communeCode, isoDate } from '@antt/contract'
import { z } from 'zod'
import { MAX_PLAN_RADIUS_M } from './plan-type.ts'

// Request bodies of /api/plans, shared by the routes and the OpenAPI document.

/** Longest time limit a plan may ask of the solver, seconds. */
export const MAX_PLAN_TIME_LIMIT_S = 60

const villageCode = z.string().regex(/^\d{5}-\d{3}$/, 'expected village codes (5 digits-3 digits)')
const villageList = z.array(villageCode).max(500, 'at most 500 villages').default([])

/** Fields shared by the maximal covering and the set covering forms. */
const planFields = {
  model_type: z
    .string({ message: 'expected a model type code' })
    .regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a model type code'),
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
    demand: z
      .enum(['population', 'incidents', 'need'], { message: 'expected population, incidents or need' })
      .default('population'),
    ...planFields,
  })
  .strict()

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

export const costBody = z
  .object({
    unit_cost_vnd: z
      .number({ message: 'expected an amount in VND' })
      .int('expected a whole number of VND')
      .min(0, 'must not be negative')
      .max(9_999_999_999_999, 'must be below 10^13 VND'),
  })
  .strict()

/** The export of a plan: the request that made it, and the sites as shown (re-checked, never trusted). */
export const planExportBody = z
  .object({
    plan: optimizeBody,
    sites: z
      .array(z.string().regex(/^\d{5}-\d{3}$/, 'expected village codes (5 digits-3 digits)'))
      .min(1)
      .max(500),
    lang: z.enum(['vi', 'en'], { message: 'expected vi or en' }).default('vi'),
  })
  .strict()
