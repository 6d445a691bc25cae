import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'

export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { db, catalog } = c.get('deps')
  const [row] = await db.query<{ postgis: string; communes: number; villages: number }>(
    `select postgis_lib_version() as postgis, (select count(*)::int from commune) as communes,
            (select count(*)::int from village) as villages`,
  )
  return c.json({
    status: 'ok' as const,
    database: db.kind,
    postgis: row.postgis,
    demo: await catalog.isDemo(),
    communes: row.communes,
    villages: row.villages,
    data_range: await catalog.range(),
  })
})
