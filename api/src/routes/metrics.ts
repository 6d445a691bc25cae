import { type MetricsResult, metricsQuery, metricsResult } from '@antt/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { memoJson } from '../http/memo-json.ts'
import { checkPeriod, query } from '../http/validate.ts'
import { runMetrics } from '../services/metrics.ts'
import { withScenario } from '../services/scenarios/middleware.ts'

export const metrics = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tag: 'Units and metrics',
    summary: 'Coverage and incident metrics per commune or village, with province totals',
    description:
      'Definitions are in sql/functions/03_metrics.sql. Default period: the last 12 months of data; default coverage: all active model types.',
    responses: { 200: jsonAnswer(metricsResult) },
  }),
  query(metricsQuery),
  withScenario,
  async (c) => {
    const q = checkPeriod(c.req.valid('query'))
    return memoJson<MetricsResult>(c, JSON.stringify(['metrics', q]), () => runMetrics(c.get('deps'), q))
  },
)
