import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import {
  type Area,
  areaFromEnv,
  DEFAULT_DEMO_PASSWORD,
  DEFAULT_SEED,
  dbConfigFromEnv,
  ensureAdministrator,
  isSeeded,
  migrate,
  NATIONAL,
  openDb,
  openReader,
  seed,
} from '@antt/data'
import type { Db } from '@antt/data/db'
import { getRequestListener } from '@hono/node-server'
import { mailConfigFromEnv } from './alerts/mail.ts'
import { AlertScheduler } from './alerts/scheduler.ts'
import { createApp } from './app.ts'
import { unreadableRequest } from './auth/middleware.ts'

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url))

/**
 * The first metrics query after a start reads every table from disk and plans the function (seconds on the
 * embedded database); run the default one in the background so the first user does not wait for it. For the
 * whole country the villages are left out: no first screen asks for all 132,000 of them, and their query
 * would hold a core while the first leader's map loads.
 */
async function warmUp(db: Db, area: Area) {
  const t0 = Date.now()
  try {
    await db.query(
      `select count(*) from data_range() r, lateral unit_metrics('commune', r.last_date - 364, r.last_date)`,
    )
    if (area.code !== NATIONAL)
      await db.query(
        `select count(*) from data_range() r, lateral unit_metrics('village', r.last_date - 364, r.last_date)`,
      )
    console.log(`warm-up queries done in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  } catch (err) {
    console.warn('warm-up skipped:', (err as Error).message)
  }
}

async function main() {
  const t0 = Date.now()
  const config = dbConfigFromEnv()
  const db = await openDb(config)
  const applied = await migrate(db)
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`)
  const demoPassword = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD
  const area = areaFromEnv()
  if (await isSeeded(db)) {
    const [seeded] = await db.query<{ code: string }>(
      `select value->>'code' as code from dataset_meta where key = 'area'`,
    )
    if (seeded && seeded.code !== area.code)
      throw new Error(
        `the database holds AREA=${seeded.code}, not AREA=${area.code}: use an empty database for another area (another DATABASE_URL, or db:reset)`,
      )
  } else {
    console.log('empty database: loading boundaries and generating demo data…')
    const report = await seed(db, {
      area,
      seed: process.env.SEED ? Number(process.env.SEED) : DEFAULT_SEED,
      demo: process.env.DEMO_DATA !== 'false',
      demoPassword,
    })
    console.log(`seeded in ${(report.ms / 1000).toFixed(1)} s`, report.counts)
  }
  const admin = await ensureAdministrator(db)
  if (admin)
    console.log(
      `\nAdministrator created: user "${admin.username}", password "${admin.password}" (shown once; change it after signing in)\n`,
    )
  const [demo] = await db.query<{ value: boolean; ward: string | null; province: string | null }>(
    `select value, (select string_agg(c.full_name, ', ') from user_scope s join app_user u on u.id = s.user_id
                    join commune c on c.code = s.commune_code where u.username = 'steward') as ward,
            (select string_agg(p.name, ', ') from user_province_scope s join app_user u on u.id = s.user_id
                    join province p on p.code = s.province_code where u.username = 'provincial') as province
     from dataset_meta where key = 'demo'`,
  )
  if (demo?.value)
    console.log(
      `DEMO DATA. Demo accounts (demo only), password "${process.env.DEMO_PASSWORD ? '$DEMO_PASSWORD' : demoPassword}": admin, leader, planner, briefer, steward (${demo.ward}), viewer${demo.province ? `, provincial (leader of ${demo.province})` : ''}`,
    )

  const hasClient = existsSync(CLIENT_DIST)
  if (!hasClient) console.warn('client/dist not found: serving the API only (run `npx pnpm@10 build`)')
  const reader = await openReader(config)
  if (reader) console.log('requests that only read go to the read replica (DATABASE_READ_URL)')
  const app = createApp(db, { clientDir: hasClient ? CLIENT_DIST : undefined, reader })

  const port = Number(process.env.PORT ?? 8080)
  const hostname = process.env.HOST ?? '0.0.0.0'
  const listener = getRequestListener(app.fetch, { hostname, errorHandler: unreadableRequest })
  const server = createServer(listener).listen(port, hostname, () => {
    console.log(
      `ANTT Atlas on ${config.databaseUrl ? 'PostgreSQL' : `embedded PostGIS (${config.pgliteDir})`}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    )
    console.log(`→ http://localhost:${port}/`)
    void warmUp(db, area)
    void alerts
      .start()
      .then(
        (r) =>
          r &&
          console.log(`alert rules evaluated (missed daily run): ${r.fired} fired, ${r.cleared} cleared`),
      )
      .catch((err) => console.warn('daily alert evaluation failed:', (err as Error).message))
  })
  const alerts = new AlertScheduler(db, {
    hourUtc: process.env.ALERT_HOUR_UTC ? Number(process.env.ALERT_HOUR_UTC) : undefined,
    mail: mailConfigFromEnv(),
  })
  const stop = async () => {
    alerts.stop()
    server.close()
    await db.close()
    process.exit(0)
  }
  // The last line of defence: a promise that failed where nobody listened must not end a server that has
  // requests in flight. Each such failure is a defect to be fixed where it arises, so it is logged in full.
  process.on('unhandledRejection', (err) => {
    console.error(`[${new Date().toISOString()}] unhandled rejection (the server keeps running):`, err)
  })
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
