import type { Db } from '@antt/data/db'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { RouterRoute } from 'hono/types'
import { authorize, noStoreWhenSignedIn, securityHeaders } from './auth/middleware.ts'
import { SignInLimiter } from './auth/rate-limit.ts'
import type { AppEnv } from './context.ts'
import { errorBody, onError } from './http/errors.ts'
import { alerts } from './routes/alerts.ts'
import { authRoutes } from './routes/auth.ts'
import { compare } from './routes/compare.ts'
import { exportRoutes } from './routes/export.ts'
import { health } from './routes/health.ts'
import { imports } from './routes/imports.ts'
import { incidents } from './routes/incidents.ts'
import { layers } from './routes/layers.ts'
import { meta } from './routes/meta.ts'
import { metrics } from './routes/metrics.ts'
import { openapi } from './routes/openapi.ts'
import { plans } from './routes/plans.ts'
import { priorities } from './routes/priorities.ts'
import { records } from './routes/records.ts'
import { scenarios } from './routes/scenarios.ts'
import { search } from './routes/search.ts'
import { stats } from './routes/stats.ts'
import { units } from './routes/units.ts'
import { auditLog, roles, users } from './routes/users.ts'
import { decks, views } from './routes/views.ts'
import { Catalog } from './services/catalog.ts'
import { tiles } from './tiles/routes.ts'

/** Largest request body accepted, in bytes (imports have their own limit). */
export const MAX_BODY_BYTES = 1024 * 1024

/** Largest unread request body read to its end after the answer, so the connection can be kept. */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024

/**
 * A request refused before its body was read (413, 401, 403…) leaves the rest of the body on the connection;
 * left there, the connection is dropped under the client's next request. Read it to its end (bounded), or
 * tell the client to close when it is too large or its stream is held.
 */
const drainRefusedBody: MiddlewareHandler = async (c, next) => {
  await next()
  const body = c.req.raw.body
  if (!body || c.req.raw.bodyUsed) return
  const declared = Number(c.req.header('content-length') ?? Number.NaN)
  if (body.locked || !(declared <= DRAIN_MAX_BYTES)) {
    c.res.headers.set('Connection', 'close')
    return
  }
  try {
    for await (const _ of body);
  } catch {
    c.res.headers.set('Connection', 'close')
  }
}

/** Builds the API; `server.ts` alone opens a port, tests call `app.request()`. */
/**
 * The application. `reader`: a read replica (read-only pool) for the requests that only read; they keep their
 * own caches, checked against the replica's data version, so an answer never outruns or lags its data.
 */
export function createApp(db: Db, opts: { clientDir?: string; reader?: Db } = {}) {
  const catalog = new Catalog()
  const generalBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('payload_too_large', `request body over ${MAX_BODY_BYTES} bytes`), 413),
  })
  // the API description reads the routes of the whole app, known once it is built
  const routes = (): RouterRoute[] => api.routes
  const api = new Hono<AppEnv>()
    .use(drainRefusedBody)
    .use(securityHeaders)
    .use((c, next) =>
      // file uploads to /api/imports have their own, larger limit (api/src/routes/imports.ts)
      c.req.method === 'POST' && c.req.path === '/api/imports' ? next() : generalBodyLimit(c, next),
    )
    .use(authorize(db, catalog, opts.reader && { db: opts.reader, catalog: new Catalog() }))
    .use(noStoreWhenSignedIn)
    .route('/api/health', health)
    .route('/api/auth', authRoutes(new SignInLimiter()))
    .route('/api/users', users)
    .route('/api/roles', roles)
    .route('/api/audit', auditLog)
    .route('/api/views', views)
    .route('/api/decks', decks)
    .route('/api/meta', meta)
    .route('/api/units', units)
    .route('/api/metrics', metrics)
    .route('/api/search', search)
    .route('/api/layers', layers)
    .route('/api/incidents', incidents)
    .route('/api/stats', stats)
    .route('/api/priorities', priorities)
    .route('/api/compare', compare)
    .route('/api/plans', plans)
    .route('/api/scenarios', scenarios)
    .route('/api/imports', imports)
    .route('/api/records', records)
    .route('/api/export', exportRoutes)
    .route('/api/alerts', alerts)
    .route(
      '/api',
      openapi(() => routes()),
    )
    .route('/tiles', tiles)

  if (opts.clientDir) {
    const root = opts.clientDir
    const isApi = (path: string) => path.startsWith('/api/') || path.startsWith('/tiles/')
    const files = serveStatic({ root })
    const spa = serveStatic({ root, path: 'index.html' })
    api.get('*', (c, next) => (isApi(c.req.path) ? next() : files(c, next)))
    api.get('*', (c, next) => (isApi(c.req.path) ? next() : spa(c, next)))
  }

  api.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404))
  api.onError(onError)
  return api
}

export type AppType = ReturnType<typeof createApp>
