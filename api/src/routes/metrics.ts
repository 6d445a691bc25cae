import { type MetricsResult, metricsQuery } from '@antt/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { memoJson } from '../http/memo-json.ts'
import { checkPeriod, query } from '../http/validate.ts'
import { runMetrics } from '../services/metrics.ts'
import { withScenario } from '../services/scenarios/middleware.ts'

export const metrics = new Hono<AppEnv>().get('/', query(metricsQuery), withScenario, async (c) => {
  const q = checkPeriod(c.req.valid('query'))
  return memoJson<MetricsResult>(c, JSON.stringify(['metrics', q]), () => runMetrics(c.get('deps'), q))
})
