import { rowId } from '@antt/contract'
import { validator } from 'hono/validator'
import { z } from 'zod'
import { describe } from './describe.ts'
import { ApiError, type ErrorDetail } from './errors.ts'

/** Longest query string accepted, in characters. */
export const MAX_QUERY_LENGTH = 4096

/**
 * A union that no form matched is one issue, "Invalid input", at the union. When the input has the keys of one
 * form only (every other form lacks keys it has: unrecognized_keys), it was meant as that form, and that form's
 * own problem (say, area.provinces: too many) is the one to report.
 */
function meantForm(i: z.core.$ZodIssue): z.core.$ZodIssue[] | null {
  if (i.code !== 'invalid_union') return null
  const meant = i.errors.filter((form) => !form.some((e) => e.code === 'unrecognized_keys'))
  if (meant.length !== 1 || meant[0].length === 0) return null
  return meant[0].map((e) => ({ ...e, path: [...i.path, ...e.path] }))
}

function toDetails(error: { issues: readonly z.core.$ZodIssue[] }): ErrorDetail[] {
  return error.issues.flatMap((i): ErrorDetail[] => {
    const form = meantForm(i)
    if (form) return toDetails({ issues: form })
    if (i.code === 'unrecognized_keys') return [{ field: i.keys.join(','), problem: 'unknown parameter' }]
    return [{ field: i.path.join('.') || undefined, problem: i.message }]
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

/** `value` as `schema` reads it, or a 400 listing every problem (`what` says which part of the request). */
function parsed<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const res = schema.safeParse(value)
  if (!res.success) reject(res.error, what)
  return res.data as z.output<T>
}

// Each validator is marked with its schema, so the API description documents what the route accepts.

/** Validates the query string against a strict zod object (unknown parameters are errors). */
export const query = <T extends z.ZodType>(schema: T) =>
  describe(
    validator('query', (value, c) => {
      if (c.req.url.length - c.req.path.length > MAX_QUERY_LENGTH)
        throw new ApiError(414, 'query_too_long', `query string longer than ${MAX_QUERY_LENGTH} characters`)
      return parsed(schema, value, 'invalid query')
    }),
    { kind: 'query', schema },
  )

export const json = <T extends z.ZodType>(schema: T) =>
  describe(
    validator('json', (value) => parsed(schema, value, 'invalid body')),
    { kind: 'json', schema },
  )

export const params = <T extends z.ZodType>(schema: T) =>
  describe(
    validator('param', (value) => parsed(schema, value, 'invalid path')),
    { kind: 'param', schema },
  )

/** The `:id` of a stored row (an account, alert rule, saved view, deck or scenario) in the path. */
export const rowIdParam = params(z.object({ id: rowId }))

/** Period check shared by every route with from/to. */
export function checkPeriod<T extends { from?: string; to?: string }>(q: T): T {
  if (q.from && q.to && q.from > q.to)
    throw new ApiError(400, 'invalid_parameter', 'from: must not be after to', [
      { field: 'from', problem: 'must not be after to' },
    ])
  return q
}
