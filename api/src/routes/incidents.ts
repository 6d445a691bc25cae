import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { query } from '../http/validate.ts'
import { GEOJSON_TYPE } from '../services/geojson.ts'
import { densityQuery, incidentDensity } from '../services/incident-density.ts'
import { incidentPoints, incidentPointsQuery, incidentSelection } from '../services/incident-points.ts'

/** Incident points (sensitive: access control will restrict this route) and aggregated density. */
export const incidents = new Hono<AppEnv>()
  .get('/', query(incidentPointsQuery), async (c) => {
    const q = c.req.valid('query')
    const deps = c.get('deps')
    const selection = await incidentSelection(deps, q)
    const body = await incidentPoints(deps.db, { ...selection, bbox: q.bbox ?? null, limit: q.limit })
    // individual records: never stored by a shared cache or kept by the browser
    return c.body(body, 200, { 'content-type': GEOJSON_TYPE, 'cache-control': 'private, no-store' })
  })
  .get('/density', query(densityQuery), async (c) => {
    const result = await incidentDensity(c.get('deps'), c.req.valid('query'))
    if (typeof result.body === 'string') return c.body(result.body, 200, { 'content-type': GEOJSON_TYPE })
    return c.json(result.body)
  })
