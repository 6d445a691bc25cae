import { isFiniteNumber } from '@antt/analysis'
import type { Level, MetricName as StatMetric } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { type MetricsResult, runMetrics, type UnitMetricsQuery } from '../metrics.ts'

export interface MetricValues {
  /** the statistics are computed over communes or villages */
  metrics: MetricsResult & { level: Level }
  /** One value per metrics row; null = no data. */
  values: (number | null)[]
}

/** The values of one metric per unit, from /api/metrics (unit_metrics(), sql/functions/03_metrics.sql) with the caller's filters. */
export async function metricValues(
  deps: AppDeps,
  q: UnitMetricsQuery,
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
