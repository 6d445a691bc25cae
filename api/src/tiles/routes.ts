import { type TileLayerList, tileJsonDocument, tileLayerList, tileQuery } from '@antt/contract'
import { Hono, type MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { describe, describeTag, jsonAnswer, pathParameter } from '../http/describe.ts'
import { notFound } from '../http/errors.ts'
import { query } from '../http/validate.ts'
import { parseTileAddress } from './address.ts'
import { tileFilters, tileQueryString } from './filters.ts'
import { MAX_ZOOM, MIN_ZOOM, TILE_LAYERS, type TileLayer } from './layers.ts'
import { TILE_MAX_AGE_S, tileResponse } from './respond.ts'
import { getTile, isPrivate } from './tile-service.ts'
import { EXTENT } from './tile-sql.ts'
import { fieldDescriptions, provinceExtent, tileJson } from './tilejson.ts'

const doc = describeTag('Vector tiles')

function layerOf(id: string): TileLayer {
  const layer = TILE_LAYERS.get(id)
  if (!layer) throw notFound(`tile layer ${id}`)
  return layer
}

/** An unknown layer is a 404 before anything else is checked. */
const knownLayer = describe<MiddlewareHandler<AppEnv>>(
  async (c, next) => {
    layerOf((c.req.param('layer') ?? '').replace(/\.json$/, ''))
    await next()
  },
  {
    kind: 'parameters',
    parameters: [
      pathParameter(
        'layer',
        { type: 'string', enum: [...TILE_LAYERS.keys()] },
        'tile layer; zoom ranges and fields: `GET /tiles`',
      ),
    ],
  },
)

const LISTING: TileLayerList = {
  extent: EXTENT,
  empty_tile: '204 No Content',
  cache: `ETag (If-None-Match → 304), Cache-Control max-age=${TILE_MAX_AGE_S}, must-revalidate; gzip when accepted`,
  layers: [...TILE_LAYERS.values()].map((l) => ({
    id: l.id,
    description: l.description,
    geometry: l.geometry,
    minzoom: l.minzoom,
    maxzoom: l.maxzoom,
    tilejson: `/tiles/${l.id}.json`,
    tiles: `/tiles/${l.id}/{z}/{x}/{y}.mvt`,
    parameters: l.incidentFilters ? ['from', 'to', 'categories'] : [],
    fields: fieldDescriptions(l),
  })),
}

/**
 * Mapbox Vector Tiles (one MVT layer per tile layer, named like it) and their TileJSON.
 *   GET /tiles                              the layers
 *   GET /tiles/{layer}.json                 TileJSON 3.0.0
 *   GET /tiles/{layer}/{z}/{x}/{y}.mvt      a tile; 204 when empty
 */
export const tiles = new Hono<AppEnv>()
  .get(
    '/',
    doc('The tile layers: geometry, zoom range, fields, URLs', { 200: jsonAnswer(tileLayerList) }),
    query(tileQuery.pick({})),
    (c) => c.json(LISTING),
  )
  .get(
    '/:layer{[^/]+\\.json}',
    doc('TileJSON 3.0.0 of a layer', { 200: jsonAnswer(tileJsonDocument) }),
    knownLayer,
    query(tileQuery),
    async (c) => {
      const deps = c.get('deps')
      const layer = layerOf(c.req.param('layer').slice(0, -'.json'.length))
      const q = c.req.valid('query')
      await tileFilters(deps, layer, q)
      const doc = tileJson(layer, await provinceExtent(deps), {
        query: tileQueryString(q),
        demo: await deps.catalog.isDemo(),
      })
      return c.json(doc, 200, {
        'cache-control': `${isPrivate(deps) ? 'private' : 'public'}, max-age=${TILE_MAX_AGE_S}`,
      })
    },
  )
  .get(
    '/:layer/:z/:x/:y',
    doc(
      'A Mapbox Vector Tile; its MVT layer has the name of the tile layer',
      {
        200: {
          description: 'the tile',
          content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } },
        },
        204: { description: 'empty tile' },
        304: { description: 'not modified (If-None-Match matched the ETag)' },
      },
      {
        description:
          'ETag with If-None-Match → 304; Cache-Control; gzip when accepted. Coordinates out of range or malformed → 400.',
        parameters: [
          pathParameter(
            'z',
            { type: 'integer', minimum: MIN_ZOOM, maximum: MAX_ZOOM },
            "zoom, within the layer's range",
          ),
          pathParameter('x', { type: 'integer', minimum: 0 }, 'column, 0 … 2^z − 1'),
          pathParameter('y', { type: 'integer', minimum: 0 }, 'row, 0 … 2^z − 1 (the path ends in .mvt)'),
        ],
        pathSuffix: '.mvt',
      },
    ),
    knownLayer,
    query(tileQuery),
    async (c) => {
      const deps = c.get('deps')
      const layer = layerOf(c.req.param('layer'))
      const at = parseTileAddress(layer, c.req.param())
      const filters = await tileFilters(deps, layer, c.req.valid('query'))
      const tile = await getTile(deps, layer, at, filters)
      return tileResponse(c.req.raw.headers, tile, { private: isPrivate(deps) })
    },
  )
