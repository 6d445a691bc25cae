import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { badRequest } from '../http/errors.ts'
import { checkPeriod, codeList, communeCode, periodFields, query } from '../http/validate.ts'
import { metricsFilterFields } from '../services/metrics.ts'
import { withScenario } from '../services/scenarios/middleware.ts'
import { classify } from '../services/stats/classify.ts'
import { coverage, coverageStandards } from '../services/stats/coverage.ts'
import { emergingHotSpots, emergingQuery } from '../services/stats/emerging.ts'
import { hotspots } from '../services/stats/hotspots.ts'
import { CONTIGUITY_RULE, contiguity } from '../services/stats/neighbours.ts'
import {
  booleanField,
  levelField,
  metricField,
  permutationsField,
  seedField,
} from '../services/stats/params.ts'
import { unitRates } from '../services/stats/rates.ts'

const levelQuery = z.object({ level: levelField }).strict()

const hotspotsQuery = z
  .object({
    level: levelField,
    metric: metricField,
    permutations: permutationsField,
    seed: seedField,
    fdr: booleanField.optional(),
    ...metricsFilterFields,
  })
  .strict()

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i
const numberList = z
  .string()
  .max(1000)
  .transform((s) => s.split(',').map((x) => x.trim()))
  .refine((parts) => parts.every((p) => NUMBER.test(p)), 'expected comma-separated numbers')
  .refine((parts) => parts.length <= 20, 'at most 20 breaks')
  .transform((parts) => parts.map(Number))

const classifyQuery = z
  .object({
    level: levelField,
    metric: metricField,
    method: z
      .enum(['quantile', 'equal', 'jenks', 'stddev', 'manual'], {
        message: 'expected quantile, equal, jenks, stddev or manual',
      })
      .default('quantile'),
    k: z.coerce
      .number({ message: 'expected a whole number' })
      .int('expected a whole number')
      .min(2, 'must be between 2 and 9')
      .max(9, 'must be between 2 and 9')
      .default(5),
    breaks: numberList.optional(),
    ...metricsFilterFields,
  })
  .strict()

const countField = (max: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(0, `must be between 0 and ${max}`)
    .max(max, `must be between 0 and ${max}`)

const ratesQuery = z
  .object({
    level: levelField,
    ...periodFields,
    categories: codeList.optional(),
    classes: codeList.optional(),
    commune: communeCode.optional(),
    min_population: countField(1_000_000).optional(),
    min_count: countField(10_000).optional(),
  })
  .strict()

const coverageQuery = z.object({ level: levelField, ...metricsFilterFields }).strict()

/**
 * Spatial statistics: contiguity, hot spots, classification breaks, smoothed rates, coverage standards.
 * Every response states its method; the statistics come from the analysis package, the set operations from
 * the SQL functions of sql/functions/06_stats.sql.
 */
export const stats = new Hono<AppEnv>()
  // { "<code>": ["<code>", …] } for every unit of the level; islands have []. Islands are also named in
  // X-Islands-Count and listed by /neighbors/islands.
  .get('/neighbors', query(levelQuery), async (c) => {
    const nb = await contiguity(c.get('deps'), c.req.valid('query').level)
    c.header('X-Islands-Count', String(nb.islands.length))
    c.header('X-Contiguity-Tolerance-M', String(nb.tolerance_m))
    return c.json(nb.neighbours)
  })
  .get('/neighbors/islands', query(levelQuery), async (c) => {
    const nb = await contiguity(c.get('deps'), c.req.valid('query').level)
    return c.json({
      level: nb.level,
      rule: CONTIGUITY_RULE,
      tolerance_m: nb.tolerance_m,
      units: Object.keys(nb.neighbours).length,
      links: nb.links,
      islands: nb.islands,
      without_geometry: nb.without_geometry,
    })
  })
  .get('/hotspots', query(hotspotsQuery), withScenario, async (c) => {
    const q = checkPeriod(c.req.valid('query'))
    return c.json(await hotspots(c.get('deps'), { ...q, fdr: q.fdr ?? true }))
  })
  .get('/emerging', query(emergingQuery), async (c) => {
    return c.json(await emergingHotSpots(c.get('deps'), checkPeriod(c.req.valid('query'))))
  })
  .get('/classify', query(classifyQuery), withScenario, async (c) => {
    const q = checkPeriod(c.req.valid('query'))
    if (q.method === 'manual') {
      if (!q.breaks) throw badRequest('breaks', "required for method 'manual'")
      if (q.breaks.some((b, i) => i > 0 && !(b > q.breaks![i - 1])))
        throw badRequest('breaks', 'must be strictly ascending')
    } else if (q.breaks) {
      throw badRequest('breaks', "only for method 'manual'")
    }
    return c.json(await classify(c.get('deps'), q))
  })
  .get('/rates', query(ratesQuery), async (c) => {
    return c.json(await unitRates(c.get('deps'), checkPeriod(c.req.valid('query'))))
  })
  .get('/standards', query(z.object({}).strict()), async (c) => {
    return c.json({ standards: await coverageStandards(c.get('deps')) })
  })
  .get('/coverage', query(coverageQuery), withScenario, async (c) => {
    return c.json(await coverage(c.get('deps'), checkPeriod(c.req.valid('query'))))
  })
