import {
  borderBeltCollection,
  borderFeatureCollection,
  borderLineCollection,
  modelCollection,
} from '@antt/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeRoute, geojsonAnswer } from '../http/describe.ts'
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
  .get(
    '/border_line',
    describeRoute({
      tag: 'Layers',
      summary: 'The national border line',
      responses: { 200: geojsonAnswer(borderLineCollection) },
    }),
    query(borderLineQuery),
    async (c) => c.body(await borderLine(c.get('deps'), c.req.valid('query')), 200, geojson),
  )
  .get(
    '/border_belt',
    describeRoute({
      tag: 'Layers',
      summary: 'The border belt (strip up to 1,000 m from the border)',
      responses: { 200: geojsonAnswer(borderBeltCollection) },
    }),
    query(borderBeltQuery),
    async (c) => c.body(await borderBelt(c.get('deps'), c.req.valid('query')), 200, geojson),
  )
  .get(
    '/border_features',
    describeRoute({
      tag: 'Layers',
      summary: 'Border gates, openings, markers and border-guard posts',
      responses: { 200: geojsonAnswer(borderFeatureCollection) },
    }),
    query(borderFeaturesQuery),
    async (c) => c.body(await borderFeatures(c.get('deps'), c.req.valid('query')), 200, geojson),
  )
  .get(
    '/models',
    describeRoute({
      tag: 'Layers',
      summary: 'Security models as points, with status, last rating and whether the evaluation is overdue',
      description:
        'The state is taken at the reference date, the end of the period (`to`, default the last date of the data). A model is listed when it existed during the period: founded on or before `to` and not dissolved before `from`.',
      responses: { 200: geojsonAnswer(modelCollection) },
    }),
    query(modelsQuery),
    withScenario,
    async (c) => {
      const layer = await modelLayer(c.get('deps'), checkPeriod(c.req.valid('query')))
      return c.body(layer.geojson, 200, geojson)
    },
  )
