import type { MetricsResult } from '@antt/contract'
import { isIncidentRate, type MetricName } from './catalog.ts'

export interface SmallNumbers {
  /** units whose raw rate the API flags (few residents or few incidents) */
  count: number
  minCount: number
  minPopulation: number
}

/** The units marked for small numbers on the map, while an incident rate is mapped; else null. */
export function smallNumbers(metrics: MetricsResult | undefined, metric: MetricName): SmallNumbers | null {
  if (!metrics || !isIncidentRate(metric)) return null
  return {
    count: metrics.rows.filter((r) => r.incident_rate_flagged).length,
    minCount: metrics.small_numbers.min_count,
    minPopulation: metrics.small_numbers.min_population,
  }
}
