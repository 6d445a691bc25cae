import { isFiniteNumber } from '@antt/analysis'
import type { AppDeps } from '../../context.ts'
import { type MetricsQuery, type MetricsResult, runMetrics } from '../metrics.ts'
import type { StatMetric } from './params.ts'
import { smoothedRates } from './rates.ts'

export interface MetricValues {
  metrics: MetricsResult
  /** One value per metrics row; null = no data. */
  values: (number | null)[]
}

/**
 * The values of one metric per unit, from unit_metrics() (migrations 008, 015) with the caller's filters.
 * `incident_rate_eb` is the Empirical-Bayes smoothed incident rate per 1,000 residents over the units in scope.
 */
export async function metricValues(
  deps: AppDeps,
  q: MetricsQuery,
  metric: StatMetric,
): Promise<MetricValues> {
  const metrics = await runMetrics(deps, q)
  if (metric === 'incident_rate_eb') {
    const eb = smoothedRates(
      metrics.rows.map((r) => ({ population: r.population, incidents: r.incidents ?? 0 })),
    )
    return { metrics, values: eb.rows.map((r) => r.smoothed) }
  }
  return {
    metrics,
    values: metrics.rows.map((r) => {
      const v = r[metric]
      return isFiniteNumber(v) ? v : null
    }),
  }
}
