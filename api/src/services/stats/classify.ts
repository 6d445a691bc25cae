import { type ClassMethod, classBreaks, classCounts, max, min, sortedFinite } from '@antt/analysis'
import type { MetricName as StatMetric } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import type { UnitMetricsQuery } from '../metrics.ts'
import { metricValues } from './metric-values.ts'

export interface ClassifyQuery extends UnitMetricsQuery {
  metric: StatMetric
  method: ClassMethod
  k: number
  /** Upper bounds for method 'manual'. */
  breaks?: number[]
}

const METHOD_TEXT: Record<ClassMethod, string> = {
  quantile: 'quantiles (type 7, as numpy.percentile); tied quantiles merge, so fewer classes may come back',
  equal: 'equal intervals between the minimum and the maximum',
  jenks: 'Fisher–Jenks natural breaks, exact optimum of the within-class sum of squares',
  stddev: 'classes one standard deviation wide around the mean (population sd)',
  manual: 'manual upper bounds; the last is raised to the maximum when the data exceed it',
}

/** Class breaks of one metric by the same pure code the client uses (analysis/classify). */
export async function classify(deps: AppDeps, q: ClassifyQuery) {
  const { metric, method, k, breaks: manual, ...metricsQuery } = q
  const { metrics, values } = await metricValues(deps, metricsQuery, metric)
  const breaks = classBreaks(values, method, k, { manual })
  const sorted = sortedFinite(values)
  return {
    level: metrics.level,
    metric,
    period: metrics.period,
    method,
    k: method === 'manual' ? null : k,
    classes: breaks.length,
    method_text: `${METHOD_TEXT[method]}. Breaks are the upper bounds of the classes, the last equal to the maximum; class 0 is [min, b0], class i is (b_i−1, b_i]`,
    breaks,
    counts: classCounts(values, breaks),
    no_data: values.length - sorted.length,
    n: sorted.length,
    min: sorted.length > 0 ? min(sorted) : null,
    max: sorted.length > 0 ? max(sorted) : null,
  }
}
