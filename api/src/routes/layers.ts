import {
  borderBeltCollection,
  borderFeatureCollection,
  borderLineCollection,
  modelCollection,
} from '@antt/contract'
import { Hono } from 'hono'
import type { z } from 'zod'
import type { AppDeps, AppEnv } from '../context.ts'
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

/** A layer the catalog keeps as GeoJSON text: its description, its query and the service that reads it. */
function storedLayer<Q extends z.ZodType>(
  summary: string,
  answer: z.ZodType,
  schema: Q,
  read: (deps: AppDeps, q: z.output<Q>) => Promise<string>,
) {
  return new Hono<AppEnv>().get(
    '/',
    describeRoute({ tag: 'Layers', summary, responses: { 200: geojsonAnswer(answer) } }),
    query(schema),
    async (c) => c.body(await read(c.get('deps'), c.req.valid('query') as z.output<Q>), 200, geojson),
  )
}

/** Small GeoJSON layers: the border, the border belt, border features, and security models. */
export const layers = new Hono<AppEnv>()
  .route(
    '/border_line',
    storedLayer('The national border line', borderLineCollection, borderLineQuery, borderLine),
  )
  .route(
    '/border_belt',
    storedLayer(
      'The border belt (strip up to 1,000 m from the border)',
      borderBeltCollection,
      borderBeltQuery,
      borderBelt,
    ),
  )
  .route(
    '/border_features',
    storedLayer(
      'Border gates, openings, markers and border-guard posts',
      borderFeatureCollection,
      borderFeaturesQuery,
      borderFeatures,
    ),
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
