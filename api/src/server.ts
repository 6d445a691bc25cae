import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { dbConfigFromEnv, isSeeded, migrate, openDb, seed, DEFAULT_SEED } from '@antt/data'
import { createApp } from './app.ts'

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url))

async function main() {
  const t0 = Date.now()
  const config = dbConfigFromEnv()
  const db = await openDb(config)
  const applied = await migrate(db)
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`)
  if (!(await isSeeded(db))) {
    console.log('empty database: loading boundaries and generating demo data…')
    const report = await seed(db, { seed: process.env.SEED ? Number(process.env.SEED) : DEFAULT_SEED, demo: process.env.DEMO_DATA !== 'false' })
    console.log(`seeded in ${(report.ms / 1000).toFixed(1)} s`, report.counts)
  }

  const hasClient = existsSync(CLIENT_DIST)
  if (!hasClient) console.warn('client/dist not found: serving the API only (run `npx pnpm@10 build`)')
  const app = createApp(db, { clientDir: hasClient ? CLIENT_DIST : undefined })

  const port = Number(process.env.PORT ?? 8080)
  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, () => {
    console.log(`ANTT Atlas on ${config.databaseUrl ? 'PostgreSQL' : `embedded PostGIS (${config.pgliteDir})`}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    console.log(`→ http://localhost:${port}/`)
  })
  const stop = async () => {
    server.close()
    await db.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
