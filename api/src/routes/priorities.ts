import { DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { badRequest } from '../http/errors.ts'
import { checkPeriod, query } from '../http/validate.ts'
import { metricsFilterFields } from '../services/metrics.ts'
import { withScenario } from '../services/scenarios/middleware.ts'
import { levelField } from '../services/stats/params.ts'
import {
  PRIORITY_COMPONENTS,
  type PriorityComponent,
  priorities as priorityScores,
} from '../services/stats/priorities.ts'

const weightField = z.coerce
  .number({ message: 'expected a non-negative number' })
  .finite('expected a non-negative number')
  .min(0, 'must be a non-negative number')
  .max(1000, 'must be at most 1000')
  .optional()

/** One query parameter per component: w_incident_rate_eb, w_hotspot_z, … */
const weightFields = Object.fromEntries(PRIORITY_COMPONENTS.map((k) => [`w_${k}`, weightField])) as Record<
  `w_${PriorityComponent}`,
  typeof weightField
>

const prioritiesQuery = z
  .object({
    level: levelField,
    normalise: z.enum(['rank', 'minmax'], { message: 'expected rank or minmax' }).default('rank'),
    ...weightFields,
    ...metricsFilterFields,
  })
  .strict()

/**
 * Ranked priority score 0–100 per commune or village. Weights default to DEFAULT_PRIORITY_WEIGHTS (analysis)
 * and are echoed in the response; each row carries the points every component contributed.
 */
export const priorities = new Hono<AppEnv>().get('/', query(prioritiesQuery), withScenario, async (c) => {
  const { level, normalise, ...rest } = checkPeriod(c.req.valid('query'))
  const weights = {} as Record<PriorityComponent, number>
  const filters: Record<string, unknown> = { ...rest }
  for (const k of PRIORITY_COMPONENTS) {
    weights[k] = rest[`w_${k}`] ?? DEFAULT_PRIORITY_WEIGHTS[k]
    delete filters[`w_${k}`]
  }
  if (!Object.values(weights).some((w) => w > 0))
    throw badRequest('weights', 'the w_* weights must not all be zero')
  return c.json(await priorityScores(c.get('deps'), { level, normalise, weights, ...filters }))
})
