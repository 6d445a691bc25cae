import { validator } from 'hono/validator'
import { z } from 'zod'
import { ApiError, type ErrorDetail } from './errors.ts'

/** Longest query string accepted, in characters. */
export const MAX_QUERY_LENGTH = 4096

function toDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return { field: i.keys.join(','), problem: 'unknown parameter' }
    return { field: i.path.join('.') || undefined, problem: i.message }
  })
}

function reject(error: z.ZodError, what: string): never {
  const details = toDetails(error)
  const first = details[0]
  throw new ApiError(
    400,
    'invalid_parameter',
    `${what}: ${first?.field ? `${first.field}: ` : ''}${first?.problem ?? 'invalid'}`,
    details,
  )
}

/** Validates the query string against a strict zod object (unknown parameters are errors). */
export const query = <T extends z.ZodType>(schema: T) =>
  validator('query', (value, c) => {
    if (c.req.url.length - c.req.path.length > MAX_QUERY_LENGTH)
      throw new ApiError(414, 'query_too_long', `query string longer than ${MAX_QUERY_LENGTH} characters`)
    const res = schema.safeParse(value)
    if (!res.success) reject(res.error, 'invalid query')
    return res.data as z.output<T>
  })

export const json = <T extends z.ZodType>(schema: T) =>
  validator('json', (value) => {
    const res = schema.safeParse(value)
    if (!res.success) reject(res.error, 'invalid body')
    return res.data as z.output<T>
  })

export const params = <T extends z.ZodType>(schema: T) =>
  validator('param', (value) => {
    const res = schema.safeParse(value)
    if (!res.success) reject(res.error, 'invalid path')
    return res.data as z.output<T>
  })

// Building blocks shared by the routes.

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

/** Comma-separated list of identifiers (lower-case codes). */
export const codeList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected comma-separated codes'))
      .min(1)
      .max(50),
  )

export const unitCode = z
  .string()
  .regex(/^\d{5}(-\d{3})?$/, 'expected a commune code (5 digits) or a village code (5 digits-3 digits)')
export const communeCode = z.string().regex(/^\d{5}$/, 'expected a 5-digit commune code')

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

/** Period check shared by every route with from/to. */
export function checkPeriod<T extends { from?: string; to?: string }>(q: T): T {
  if (q.from && q.to && q.from > q.to)
    throw new ApiError(400, 'invalid_parameter', 'from: must not be after to', [
      { field: 'from', problem: 'must not be after to' },
    ])
  return q
}
