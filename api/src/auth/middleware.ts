import { timingSafeEqual } from 'node:crypto'
import type { Db, Queryable } from '@antt/data/db'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../http/errors.ts'
import type { Catalog } from '../services/catalog.ts'
import { ruleFor } from './permissions.ts'
import type { Principal } from './principal.ts'
import { loadPrincipal, SESSION_COOKIE } from './sessions.ts'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Longest a request's statements may run on the server. */
export const STATEMENT_TIMEOUT_MS = 15_000

export function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  if (process.env.TRUST_PROXY === 'true') {
    const fwd = c.req.header('x-forwarded-for')
    if (fwd) return fwd.split(',')[0].trim()
  }
  return incoming?.socket?.remoteAddress ?? 'local'
}

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** The request's queries, all in one transaction, seen as a Db (a nested transaction joins it). */
function requestDb(base: Db, tx: Queryable): Db {
  return {
    kind: base.kind,
    query: tx.query,
    exec: tx.exec,
    transaction: (fn) => fn(tx),
    close: async () => {},
  }
}

/** Thrown after the handler failed, so the request's transaction rolls back. */
class RollbackRequest extends Error {}

/** Starts background work after a commit; its failure is logged, never reported to the caller. */
function runDetached(base: Db, tasks: readonly ((owner: Db) => Promise<unknown>)[]) {
  for (const task of tasks)
    task(base).catch((err) => console.warn(`work after the request failed: ${(err as Error).message}`))
}

/**
 * Resolves the caller, checks the route's permission and CSRF token, then runs the rest of the request in
 * one transaction as the caller's database role with their commune scope (row-level security, migration
 * 012). If the handler fails, the transaction rolls back: a request changes all or nothing.
 */
export function authorize(base: Db, catalog: Catalog): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ip = clientIp(c)
    const need = ruleFor(c.req.method, c.req.path)
    if (
      need === 'public' ||
      !(c.req.path.startsWith('/api/') || c.req.path.startsWith('/tiles/') || c.req.path === '/tiles')
    ) {
      const afterCommit = (task: (owner: Db) => Promise<unknown>) => runDetached(base, [task])
      c.set('deps', { db: base, catalog: catalog.bind(base, 'public'), principal: null, ip, afterCommit })
      return next()
    }
    const token = getCookie(c, SESSION_COOKIE)
    const principal: Principal | null = token ? await loadPrincipal(base, token) : null
    if (!principal) throw new ApiError(401, 'unauthenticated', 'sign in first')
    if (UNSAFE.has(c.req.method) && !sameToken(c.req.header('x-csrf-token') ?? '', principal.csrfToken))
      throw new ApiError(403, 'csrf', 'missing or wrong X-CSRF-Token header')
    if (need === null || (need !== 'authenticated' && !principal.permissions.has(need)))
      throw new ApiError(
        403,
        'forbidden',
        `your role (${principal.role}) may not ${c.req.method} ${c.req.path}`,
      )
    if (need === 'authenticated') {
      // The caller's own session and password: handled with the application's rights, by fixed code.
      const afterCommit = (task: (owner: Db) => Promise<unknown>) => runDetached(base, [task])
      c.set('deps', { db: base, catalog: catalog.bind(base, 'public'), principal, ip, afterCommit })
      return next()
    }

    const scope = principal.scope ? principal.scope.join(',') : '*'
    const committed: ((owner: Db) => Promise<unknown>)[] = []
    // Commune codes only: the scope is written into the statement below as a literal.
    if (!/^[0-9A-Za-z_,*]*$/.test(scope)) throw new Error(`unexpected scope for user ${principal.userId}`)
    try {
      await base.transaction(async (tx) => {
        // One round trip. The role name comes from app_role.db_role, checked against a fixed list in
        // the schema.
        await tx.exec(
          [
            `set local role ${principal.dbRole}`,
            `select set_config('antt.scope', '${scope}', true)`,
            ...(base.kind === 'postgres' ? [`set local statement_timeout = ${STATEMENT_TIMEOUT_MS}`] : []),
          ].join('; '),
        )
        c.set('deps', {
          db: requestDb(base, tx),
          catalog: catalog.bind(tx, `${principal.dbRole}:${scope}`),
          principal,
          ip,
          afterCommit: (task) => committed.push(task),
        })
        await next()
        if (c.error) throw new RollbackRequest()
      })
    } catch (err) {
      if (!(err instanceof RollbackRequest)) throw err
      return
    }
    runDetached(base, committed)
  }
}

/** Security headers for every response; the policy allows no external origin at all. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const h = c.res.headers
  h.set(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "worker-src 'self' blob:",
      "child-src 'self' blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  )
  h.set('X-Content-Type-Options', 'nosniff')
  h.set('Referrer-Policy', 'no-referrer')
  h.set('X-Frame-Options', 'DENY')
  h.set('Cross-Origin-Opener-Policy', 'same-origin')
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
}
