import type { I18n } from '../i18n/index.ts'
import { METRICS, type MetricName } from './catalog.ts'

/** A metric value as text in the interface language, without its unit (shares as %). */
export function formatMetricValue(
  i18n: I18n,
  metric: MetricName,
  value: number | null | undefined,
  digits?: number,
): string {
  const { kind } = METRICS[metric]
  const f = i18n.fmt
  switch (kind) {
    case 'share':
      return f.percent(value, digits ?? 1)
    case 'count':
    case 'people':
      return f.integer(value)
    case 'vnd':
      return f.compact(value)
    case 'vnd_per_person':
      return f.integer(value)
    default:
      return f.number(value, digits)
  }
}

/** The unit to write after a value ('' for counts and shares). */
export function metricUnit(i18n: I18n, metric: MetricName): string {
  const { kind } = METRICS[metric]
  return kind === 'share' || kind === 'count' ? '' : i18n.t(`unit.${kind}`)
}

export function formatMetric(i18n: I18n, metric: MetricName, value: number | null | undefined): string {
  const v = formatMetricValue(i18n, metric, value)
  const u = metricUnit(i18n, metric)
  return u && v !== '–' ? `${v} ${u}` : v
}
