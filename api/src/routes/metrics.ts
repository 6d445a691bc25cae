import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { checkPeriod, query } from '../http/validate.ts'
import { metricsQuerySchema, runMetrics } from '../services/metrics.ts'

export const metrics = new Hono<AppEnv>().get('/', query(metricsQuerySchema), async (c) => {
  const result = await runMetrics(c.get('deps'), checkPeriod(c.req.valid('query')))
  return c.json(result)
})
