// The import routes with sign-in and authorisation, as api/src/app.ts mounts them but without its global
// 1 MB body limit: for bench/import.bench.ts, whose 100,000-row upload is about 9 MB.
import type { Db } from '@antt/data/db'
import { Hono } from 'hono'
import { authorize, securityHeaders } from '../auth/middleware.ts'
import { SignInLimiter } from '../auth/rate-limit.ts'
import type { AppEnv } from '../context.ts'
import { onError } from '../http/errors.ts'
import { authRoutes } from '../routes/auth.ts'
import { imports } from '../routes/imports.ts'
import { Catalog } from '../services/catalog.ts'

export function importApp(db: Db) {
  const app = new Hono<AppEnv>()
    .use(securityHeaders)
    .use(authorize(db, new Catalog()))
    .route('/api/auth', authRoutes(new SignInLimiter()))
    .route('/api/imports', imports)
  app.onError(onError)
  return app
}
