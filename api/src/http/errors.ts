import type { ErrorBody, FieldProblem } from '@antt/contract'
import { isDatabaseFault } from '@antt/data/db'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { messageVi } from './messages-vi.ts'

export type ErrorDetail = FieldProblem

/** An error the client caused or may see: rendered as `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
  }
}

export const badRequest = (field: string, problem: string) =>
  new ApiError(400, 'invalid_parameter', `${field}: ${problem}`, [{ field, problem }])

export const notFound = (what: string, field?: string) =>
  new ApiError(404, 'not_found', `${what} not found`, field ? [{ field, problem: 'not found' }] : [])

/**
 * The one error body. A detail without its Vietnamese gets it from the translation table where the table knows
 * the problem's shape, so the forms show it in the interface's language.
 */
export function errorBody(code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  const translated = details.map((d) => {
    if (d.problem_vi) return d
    const vi = messageVi(d.problem)
    return vi ? { ...d, problem_vi: vi } : d
  })
  return { error: { code, message, details: translated } }
}

// PostgreSQL SQLSTATE classes that mean the input was wrong, not the server.
const CLIENT_SQLSTATE: Record<string, [ContentfulStatusCode, string]> = {
  '22': [400, 'invalid_value'], // data exception (bad date, out of range, invalid geometry text…)
  '23': [409, 'constraint_violation'], // integrity constraint
}

/** Seconds a client is asked to wait after a database fault: the pool reconnects within about one. */
export const FAULT_RETRY_AFTER_S = 2
let lastFaultLog = 0

/** The one error handler: known errors keep their status; anything else is a 500 with no internals. */
export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status)
  if (isDatabaseFault(err)) {
    // At most one line a second: a cut pool fails every request in flight at once.
    if (Date.now() - lastFaultLog > 1000) {
      lastFaultLog = Date.now()
      console.warn(
        `[${new Date().toISOString()}] database fault: ${(err as { code?: string }).code ?? ''} ${err.message}`,
      )
    }
    c.header('Retry-After', String(FAULT_RETRY_AFTER_S))
    return c.json(
      errorBody('database_unavailable', 'the database is unavailable or restarting; try again shortly'),
      503,
    )
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    return c.json(
      errorBody(status === 413 ? 'payload_too_large' : 'http_error', err.message || 'request rejected'),
      status,
    )
  }
  const sqlstate = (err as { code?: unknown }).code
  if (typeof sqlstate === 'string' && /^[0-9A-Z]{5}$/.test(sqlstate)) {
    const known = CLIENT_SQLSTATE[sqlstate.slice(0, 2)]
    if (known) return c.json(errorBody(known[1], 'the request was rejected by a data rule'), known[0])
    if (sqlstate === '57014') return c.json(errorBody('timeout', 'the query took too long'), 503)
  }
  console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}:`, err)
  return c.json(errorBody('internal_error', 'internal error'), 500)
}
