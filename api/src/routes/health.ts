import { type Health, healthDegraded, healthStatus } from '@antt/contract'
import { isDatabaseFault } from '@antt/data/db'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { FAULT_RETRY_AFTER_S } from '../http/errors.ts'
import { areaInfo } from '../services/area.ts'

/**
 * `ok` when the database answers; `degraded` (503) while it does not, e.g. while the pool reconnects after
 * its connections were cut, so a load balancer or a watchdog sees the outage and the recovery.
 */
export const health = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tag: 'Service',
    summary: 'Liveness, database kind, PostGIS version, demo flag',
    description: '503 with `status: degraded` while the database does not answer (e.g. while reconnecting).',
    responses: {
      200: jsonAnswer(healthStatus),
      503: jsonAnswer(healthDegraded, 'the database does not answer'),
    },
  }),
  async (c) => {
    const { db, catalog } = c.get('deps')
    try {
      const [row] = await db.query<{ postgis: string; communes: number; villages: number }>(
        `select postgis_lib_version() as postgis, (select count(*)::int from commune) as communes,
              (select count(*)::int from village) as villages`,
      )
      return c.json({
        status: 'ok' as const,
        database: db.kind,
        postgis: row.postgis,
        demo: await catalog.isDemo(),
        area: await areaInfo(db, catalog),
        communes: row.communes,
        villages: row.villages,
        data_range: await catalog.range(),
      } satisfies Health)
    } catch (err) {
      if (!isDatabaseFault(err)) throw err
      c.header('Retry-After', String(FAULT_RETRY_AFTER_S))
      return c.json(
        {
          status: 'degraded' as const,
          database: db.kind,
          problem: 'the database does not answer; reconnecting',
        },
        503,
      )
    }
  },
)
