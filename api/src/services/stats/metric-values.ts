import { isFiniteNumber } from '@antt/analysis'
import type { MetricName as StatMetric } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { type MetricsQuery, type MetricsResult, runMetrics } from '../metrics.ts'

export interface MetricValues {
  metrics: MetricsResult
  /** One value per metrics row; null = no data. */
  values: (number | null)[]
}

/** The values of one metric per unit, from /api/metrics (unit_metrics(), migrations 008, 015) with the caller's filters. */
export async function metricValues(
  deps: AppDeps,
  q: MetricsQuery,
  metric: StatMetric,
): Promise<MetricValues> {
  const metrics = await runMetrics(deps, q)
  return {
    metrics,
    values: metrics.rows.map((r) => {
      const v = r[metric]
      return isFiniteNumber(v) ? v : null
    }),
  }
}
