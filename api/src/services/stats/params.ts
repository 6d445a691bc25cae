import { z } from 'zod'
import { METRIC_NAMES } from '../metrics.ts'

/** Every metric of /api/metrics (the Empirical-Bayes smoothed incident rate among them). */
export const STAT_METRICS = METRIC_NAMES
export type StatMetric = (typeof STAT_METRICS)[number]

export type Level = 'commune' | 'village'

export const levelField = z
  .enum(['commune', 'village'], { message: 'expected commune or village' })
  .default('commune')

export const metricField = z.enum(STAT_METRICS, { message: `expected one of ${STAT_METRICS.join(', ')}` })

/** Conditional permutations for pseudo p-values; 0 gives analytical p-values only. */
export const permutationsField = z.coerce
  .number({ message: 'expected a whole number' })
  .int('expected a whole number')
  .min(0, 'must be between 0 and 9999')
  .max(9999, 'must be between 0 and 9999')
  .default(999)

/** Seed of the permutation stream (32-bit unsigned), so results are reproducible. */
export const seedField = z.coerce
  .number({ message: 'expected an integer' })
  .int('expected an integer')
  .min(0, 'must be between 0 and 4294967295')
  .max(4294967295, 'must be between 0 and 4294967295')
  .default(1)

export const booleanField = z
  .enum(['true', 'false'], { message: 'expected true or false' })
  .transform((v) => v === 'true')
