import { densityRows, incidentCollection } from '@antt/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeTag, geojsonAnswer } from '../http/describe.ts'
import { query } from '../http/validate.ts'
import { GEOJSON_TYPE } from '../services/geojson.ts'
import { densityQuery, incidentDensity } from '../services/incident-density.ts'
import { incidentPoints, incidentPointsQuery, incidentSelection } from '../services/incident-points.ts'

const doc = describeTag('Incidents')

/** Incident points (sensitive: access control will restrict this route) and aggregated density. */
export const incidents = new Hono<AppEnv>()
  .get(
    '/',
    doc(
      'Individual incidents as points (sensitive)',
      { 200: geojsonAnswer(incidentCollection) },
      {
        description:
          'Newest first, at most `limit`; `truncated` and `matched` say when more matched. Default period: the last 12 months of data.',
      },
    ),
    query(incidentPointsQuery),
    async (c) => {
      const q = c.req.valid('query')
      const deps = c.get('deps')
      const selection = await incidentSelection(deps, q)
      const body = await incidentPoints(deps.db, { ...selection, bbox: q.bbox ?? null, limit: q.limit })
      // individual records: never stored by a shared cache or kept by the browser
      return c.body(body, 200, { 'content-type': GEOJSON_TYPE, 'cache-control': 'private, no-store' })
    },
  )
  .get(
    '/density',
    doc(
      'Incident counts on a hexagon grid or per unit, small counts suppressed',
      {
        200: {
          description: 'GeoJSON (hexagons or units), or rows when mode=units&geometry=false',
          content: {
            'application/geo+json': {
              schema: {
                oneOf: [
                  { $ref: '#/components/schemas/DensityHex' },
                  { $ref: '#/components/schemas/DensityUnits' },
                ],
              },
            },
            'application/json': { schema: densityRows },
          },
        },
      },
      {
        description:
          'mode=hex: hexagons of ST_HexagonGrid in EPSG:3857 over the province; `resolution` is the edge length in ground metres, and since EPSG:3857 stretches distances by 1/cos(latitude) (≈1.08 at 22°N) the grid size is the resolution divided by cos(latitude of the province centre), within ±0.6 % across the province. Cells without incidents are omitted. ' +
          'mode=units: every commune or village, zero counts included; geometry=false returns `{ rows }` as plain JSON. ' +
          'A hexagon with 0 < count < min_count is left out, geometry and all (`suppressed_cells` says how many); a unit with such a count is reported as `count: null, suppressed: true`, never as zero. Lowering min_count below 3 needs the read_incident_points permission. ' +
          "Aggregate-only roles (briefer, viewer): hexagons have an edge of at least 2,000 m (a finer resolution is answered at 2,000 m), periods are widened to whole calendar months, and a unit is also withheld when its count could otherwise be worked out from its commune's (see the Security model in the README).",
      },
    ),
    query(densityQuery),
    async (c) => {
      const result = await incidentDensity(c.get('deps'), c.req.valid('query'))
      if (typeof result.body === 'string') return c.body(result.body, 200, { 'content-type': GEOJSON_TYPE })
      return c.json(result.body)
    },
  )
