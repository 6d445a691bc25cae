// Building blocks of the query strings and bodies the API takes: dates, code lists, unit codes, ids, and the
// filters shared by metrics, statistics, priorities and layers.
import { z } from 'zod'
import { LEVELS, METRIC_NAMES } from './lists.ts'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return (
      !Number.isNaN(d.getTime()) &&
      d.toISOString().slice(0, 10) === s &&
      s >= '1990-01-01' &&
      s <= '2100-12-31'
    )
  }, 'not a calendar date between 1990 and 2100')

/** A comma-separated list of at most `maxChars` characters: its items, trimmed, empty ones dropped. */
export const commaList = (maxChars: number) =>
  z
    .string()
    .max(maxChars)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )

/** Comma-separated list of identifiers (lower-case codes). */
export const codeList = commaList(2000).pipe(
  z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected comma-separated codes'))
    .min(1)
    .max(50),
)

export const unitCode = z
  .string()
  .regex(/^\d{5}(-\d{3})?$/, 'expected a commune code (5 digits) or a village code (5 digits-3 digits)')
export const communeCode = z.string().regex(/^\d{5}$/, 'expected a 5-digit commune code')
/** A province in force since 2025-07-01 ('15' Lào Cai). */
export const provinceCode = z.string().regex(/^\d{2}$/, 'expected a 2-digit province code')

/** A row id in a path: plain ASCII digits only (no sign, space, exponent or full-width digit), within int4. */
export const rowId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'expected a positive id (digits)')
  .transform(Number)
  .pipe(z.number().max(2_147_483_647, 'expected a positive id (digits)'))

export const bboxParam = z
  .string()
  .max(200)
  .transform((s) => s.split(',').map(Number))
  .pipe(
    z
      .array(z.number().finite())
      .length(4, 'expected minLon,minLat,maxLon,maxLat')
      .refine(
        ([a, b, c, d]) => a >= -180 && c <= 180 && b >= -90 && d <= 90 && a < c && b < d,
        'expected minLon,minLat,maxLon,maxLat within ±180/±90 with min < max',
      ),
  )

export const periodFields = { from: isoDate.optional(), to: isoDate.optional() }

/** Douglas–Peucker tolerance in degrees, as on /api/units. */
export const simplifyParam = z.coerce
  .number()
  .min(0)
  .max(0.1)
  .default(0)
  .meta({ description: 'Douglas–Peucker tolerance in degrees (0.0005° ≈ 50 m); 0 keeps the stored geometry' })

export const levelField = z.enum(LEVELS, { message: 'expected commune or village' }).default('commune')

export const metricField = z.enum(METRIC_NAMES, { message: `expected one of ${METRIC_NAMES.join(', ')}` })

/** A whole number from `min` to `max`, as a query parameter gives it. */
export const wholeNumberField = (min: number, max: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`)

/** Conditional permutations for pseudo p-values; 0 gives analytical p-values only. */
export const permutationsField = wholeNumberField(0, 9999).default(999)

/** Seed of the permutation stream (32-bit unsigned), so results are reproducible. */
export const seedField = wholeNumberField(0, 4294967295).default(1)

export const booleanField = z
  .enum(['true', 'false'], { message: 'expected true or false' })
  .transform((v) => v === 'true')

export const scenarioParam = rowId.meta({
  description:
    'id of a what-if scenario (/api/scenarios): the figures are computed as if its changes were made; needs the plan permission',
})

/** Filters shared by metrics, statistics, priorities and exports. */
export const metricsFilterFields = {
  ...periodFields,
  types: codeList.optional(),
  statuses: codeList.optional(),
  orgs: codeList.optional(),
  categories: codeList.optional(),
  classes: codeList.optional(),
  commune: communeCode.optional(),
  eval_months: z.coerce.number().int('must be a whole number of months').min(1).max(36).optional(),
  scenario: scenarioParam.optional(),
}
