import { validator } from 'hono/validator'
import type { z } from 'zod'
import { describe } from './describe.ts'
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

// Each validator is marked with its schema, so the API description documents what the route accepts.

/** Validates the query string against a strict zod object (unknown parameters are errors). */
export const query = <T extends z.ZodType>(schema: T) =>
  describe(
    validator('query', (value, c) => {
      if (c.req.url.length - c.req.path.length > MAX_QUERY_LENGTH)
        throw new ApiError(414, 'query_too_long', `query string longer than ${MAX_QUERY_LENGTH} characters`)
      const res = schema.safeParse(value)
      if (!res.success) reject(res.error, 'invalid query')
      return res.data as z.output<T>
    }),
    { kind: 'query', schema },
  )

export const json = <T extends z.ZodType>(schema: T) =>
  describe(
    validator('json', (value) => {
      const res = schema.safeParse(value)
      if (!res.success) reject(res.error, 'invalid body')
      return res.data as z.output<T>
    }),
    { kind: 'json', schema },
  )

export const params = <T extends z.ZodType>(schema: T) =>
  describe(
    validator('param', (value) => {
      const res = schema.safeParse(value)
      if (!res.success) reject(res.error, 'invalid path')
      return res.data as z.output<T>
    }),
    { kind: 'param', schema },
  )

/** Period check shared by every route with from/to. */
export function checkPeriod<T extends { from?: string; to?: string }>(q: T): T {
  if (q.from && q.to && q.from > q.to)
    throw new ApiError(400, 'invalid_parameter', 'from: must not be after to', [
      { field: 'from', problem: 'must not be after to' },
    ])
  return q
}
