import { timingSafeEqual } from 'node:crypto'
import { type Db, PROPAGATE_SET_LOCAL, type Queryable } from '@antt/data/db'
import { RequestError } from '@hono/node-server'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../context.ts'
import { ApiError, errorBody } from '../http/errors.ts'
import type { Catalog } from '../services/catalog.ts'
import { ruleFor } from './permissions.ts'
import { loadPrincipal, SESSION_COOKIE } from './sessions.ts'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const READ_ONLY = new Set(['GET', 'HEAD'])
/** Reads that write all the same (a data export is audited): they run on the primary, never on a replica. */
const WRITES_ON_READ = /^\/api\/export\//
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

/**
 * The request's queries, in one transaction as the caller's database role and scope (`setup`, sent in order), begun by the
 * first query: an answer served from memory (a memoised result, a cached tile) opens no transaction at all.
 * `end` commits the transaction if one was begun (rolls it back when `commit` is false).
 */
function lazyTransaction(base: Db, setup: string[]) {
  let tx: Promise<Queryable> | undefined
  let settle: (commit: boolean) => void = () => {}
  let done: Promise<unknown> = Promise.resolve()
  const begin = () => {
    tx ??= new Promise<Queryable>((resolve, reject) => {
      done = base
        .transaction(async (t) => {
          for (const statements of setup) await t.exec(statements)
          const commit = new Promise<boolean>((r) => {
            settle = r
          })
          resolve(t)
          if (!(await commit)) throw new RollbackRequest()
        })
        .catch((err) => {
          reject(err)
          if (!(err instanceof RollbackRequest)) throw err
        })
      // The outcome is read by `end`; until then it is observed here, so that a connection cut mid-request
      // is no unhandled rejection (Node would end the process).
      done.catch(() => {})
    })
    return tx
  }
  const db: Db = {
    kind: base.kind,
    query: async (sql, params) => (await begin()).query(sql, params),
    exec: async (sql) => (await begin()).exec(sql),
    copyIn: async (table, columns, rows) => (await begin()).copyIn(table, columns, rows),
    // a nested transaction joins the request's
    transaction: async (fn) => fn(await begin()),
    close: async () => {},
  }
  const end = async (commit: boolean) => {
    if (!tx) return
    settle(commit)
    // After a failed handler its error is the answer; a failed commit is one.
    await (commit ? done : done.catch(() => {}))
  }
  return { db, end }
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
 * 012). If the handler fails, the transaction rolls back: a request changes all or nothing. With a read replica,
 * a request that only reads runs there (the session is still checked on the primary, where it was written).
 */
export function authorize(
  base: Db,
  catalog: Catalog,
  replica?: { db: Db; catalog: Catalog },
): MiddlewareHandler<AppEnv> {
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
    const found = token ? await loadPrincipal(base, token) : null
    if (!found) throw new ApiError(401, 'unauthenticated', 'sign in first')
    const { principal } = found
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
    // Commune codes only: the scope is written into the statement below as a literal.
    if (!/^[0-9A-Za-z_,*]*$/.test(scope)) throw new Error(`unexpected scope for user ${principal.userId}`)
    // Two round trips when the transaction begins. The role name comes from app_role.db_role, checked against
    // a fixed list in the schema.
    const reads = READ_ONLY.has(c.req.method)
    const onReplica = replica && reads && !WRITES_ON_READ.test(c.req.path)
    const request = lazyTransaction(onReplica ? replica.db : base, [
      [
        ...(base.kind === 'postgres' ? [PROPAGATE_SET_LOCAL] : []),
        // SET LOCAL, not set_config(): only a SET reaches the other nodes of a distributed database
        // (docs/scaling.md) inside the transaction
        `set local antt.scope = '${scope}'`,
        ...(base.kind === 'postgres' ? [`set local statement_timeout = ${STATEMENT_TIMEOUT_MS}`] : []),
      ].join('; '),
      // The role apart, with set_config(): Citus connects to the workers as the current role, and passes on
      // the text of every query that held a SET LOCAL to each connection of the transaction; a role in it
      // would be taken on the workers even by a function that runs as its owner (security definer).
      `select set_config('role', '${principal.dbRole}', true)`,
    ])
    const committed: ((owner: Db) => Promise<unknown>)[] = []
    c.set('deps', {
      db: request.db,
      // A request that only reads checks the caches against the data version read with its session; one
      // that writes reads the version again after its own writes.
      // On the replica the version is read there, with the data the answer is made of.
      catalog: onReplica
        ? replica.catalog.bind(request.db, `${principal.dbRole}:${scope}`)
        : catalog.bind(request.db, `${principal.dbRole}:${scope}`, reads ? found.dataVersion : undefined),
      principal,
      ip,
      afterCommit: (task) => committed.push(task),
    })
    let ok = false
    try {
      await next()
      ok = !c.error
    } finally {
      await request.end(ok).catch((err) => {
        // The handler answered but its transaction did not commit: that answer must not go out, nor any of
        // its headers (Hono carries the headers of the response it replaces over into the error's answer,
        // and a 503 with the 200's Content-Encoding and Content-Length cannot be read).
        c.res = undefined as unknown as Response // dropped, so that the next one inherits nothing
        c.res = new Response(null)
        throw err
      })
    }
    if (ok) runDetached(base, committed)
  }
}

/**
 * A signed-in caller's JSON is theirs alone: no browser or proxy cache may keep it. Responses that set
 * their own Cache-Control (tiles and TileJSON: private, revalidated with ETag) keep it.
 */
export const noStoreWhenSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  const h = c.res.headers
  if (c.get('deps')?.principal && !h.has('cache-control') && /json/.test(h.get('content-type') ?? ''))
    h.set('Cache-Control', 'no-store')
}

/** Security headers for every response; the policy allows no external origin at all. */
export const SECURITY_HEADERS: readonly [string, string][] = [
  [
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
  ],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
]

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value)
}

/**
 * The answer to a request the HTTP layer could not turn into one (a raw backslash in the path, a bad Host
 * header): the same JSON error and headers as every other answer, never an empty 400.
 */
export function unreadableRequest(err: unknown): Response {
  const headers: [string, string][] = [['content-type', 'application/json'], ...SECURITY_HEADERS]
  if (!(err instanceof RequestError)) {
    console.error(`[${new Date().toISOString()}] request failed outside the app:`, err)
    return new Response(JSON.stringify(errorBody('internal_error', 'internal error')), {
      status: 500,
      headers,
    })
  }
  const body = errorBody('bad_request', `the request could not be read: ${err.message}`, [
    { field: 'path', problem: err.message },
  ])
  return new Response(JSON.stringify(body), { status: 400, headers })
}
