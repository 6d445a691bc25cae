import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { checkPeriod, query } from '../http/validate.ts'
import {
  borderBelt,
  borderBeltQuery,
  borderFeatures,
  borderFeaturesQuery,
  borderLine,
  borderLineQuery,
} from '../services/border-layers.ts'
import { GEOJSON_TYPE } from '../services/geojson.ts'
import { modelLayer, modelsQuery } from '../services/model-layer.ts'
import { withScenario } from '../services/scenarios/middleware.ts'

const geojson = { 'content-type': GEOJSON_TYPE }

/** Small GeoJSON layers: the border, the border belt, border features, and security models. */
export const layers = new Hono<AppEnv>()
  .get('/border_line', query(borderLineQuery), async (c) =>
    c.body(await borderLine(c.get('deps'), c.req.valid('query')), 200, geojson),
  )
  .get('/border_belt', query(borderBeltQuery), async (c) =>
    c.body(await borderBelt(c.get('deps'), c.req.valid('query')), 200, geojson),
  )
  .get('/border_features', query(borderFeaturesQuery), async (c) =>
    c.body(await borderFeatures(c.get('deps'), c.req.valid('query')), 200, geojson),
  )
  .get('/models', query(modelsQuery), withScenario, async (c) => {
    const layer = await modelLayer(c.get('deps'), checkPeriod(c.req.valid('query')))
    return c.body(layer.geojson, 200, geojson)
  })
