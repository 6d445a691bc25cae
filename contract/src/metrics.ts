// /api/metrics: coverage and incident metrics per commune or village.
import { z } from 'zod'
import { METRIC_NAMES, METRICS_LEVELS, type MetricName } from './lists.ts'
import { metricsFilterFields } from './params.ts'
import { count, named, period } from './registry.ts'

export const metricsQuery = z
  .object({ level: z.enum(METRICS_LEVELS).default('commune'), ...metricsFilterFields })
  .strict()
export type MetricsQuery = z.output<typeof metricsQuery>

const metricFields = Object.fromEntries(METRIC_NAMES.map((m) => [m, z.number().nullable()])) as Record<
  MetricName,
  z.ZodNullable<z.ZodNumber>
>

export const metricsRow = named(
  'MetricsRow',
  z
    .object({
      code: z.string().meta({
        description: 'province code (2 digits), commune code (5 digits) or village code (5 digits-3 digits)',
      }),
      name: z.string(),
      commune_code: z.string().nullable().meta({ description: 'for villages: the commune' }),
      is_border: z.boolean(),
      area_classes: z.array(z.string()),
      /** set when the caller may see only aggregates and the unit's incident count is withheld */
      incidents_suppressed: z
        .boolean()
        .optional()
        .meta({ description: 'the incident count is withheld from an aggregate-only caller' }),
      ...metricFields,
      incident_rate_per_1000: z.number().nullable().meta({
        description:
          'incidents per 1,000 residents per year: incidents / residents × 1,000 / (days of the period / 365.25)',
      }),
      incident_rate_eb: z.number().nullable().meta({
        description:
          'Empirical-Bayes smoothed incidents per 1,000 residents per year (Marshall 1991, global method of moments), shrunk toward the rate of the whole scope at this level for the period and categories (not toward the filtered rows); null when the count is withheld or there are no residents',
      }),
      incident_rate_flagged: z.boolean().nullable().meta({
        description:
          'the raw incident rate rests on small numbers (fewer residents than small_numbers.min_population or fewer incidents than small_numbers.min_count): read the smoothed rate; null when the count is withheld',
      }),
    })
    .meta({
      description:
        'one unit; shares are 0–1, incident_rate_per_1000 per 1,000 residents per year (incidents of the period / residents × 1,000 / (days / 365.25)), the other rates per 1,000 residents over the period; null when undefined (e.g. no population)',
    }),
)
export type MetricsRow = z.infer<typeof metricsRow>

export const metricsResult = named(
  'MetricsResult',
  z.object({
    level: z.enum(METRICS_LEVELS),
    period,
    filters: metricsQuery
      .omit({ level: true, from: true, to: true })
      .meta({ description: 'the filters applied, as validated (absent keys: no filter)' }),
    rows: z.array(metricsRow),
    totals: z.record(z.string(), z.number().nullable()).meta({
      description:
        'province totals by the same definitions: sums, and ratios of sums; for aggregate-only roles the incident sums add up the published rows, and incidents_withheld_units says how many were withheld',
    }),
    small_numbers: z
      .object({ min_population: count, min_count: count })
      .meta({ description: 'thresholds of incident_rate_flagged' }),
  }),
)
export type MetricsResult = z.infer<typeof metricsResult>
