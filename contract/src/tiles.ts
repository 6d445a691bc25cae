// Vector tiles: TileJSON and the tile query.
import { z } from 'zod'
import { codeList, periodFields } from './params.ts'
import { count, named } from './registry.ts'

const incidentLayersOnly = (description: string) => ({ description: `incident_hex only: ${description}` })

/** Query parameters of tiles and TileJSON; only layers with incident filters take any. */
export const tileQuery = z
  .object({
    from: periodFields.from.meta(
      incidentLayersOnly('first day of the period (YYYY-MM-DD); default 12 months before `to`'),
    ),
    to: periodFields.to.meta(
      incidentLayersOnly('last day of the period (YYYY-MM-DD); default the last date of the data'),
    ),
    categories: codeList
      .optional()
      .meta(incidentLayersOnly('comma-separated incident category codes; default all')),
  })
  .strict()

export const tileJsonDocument = named(
  'TileJSON',
  z
    .object({
      tilejson: z.literal('3.0.0'),
      tiles: z.array(z.string()),
      vector_layers: z.array(
        z
          .object({
            id: z.string(),
            fields: z.record(z.string(), z.string()),
            minzoom: count,
            maxzoom: count,
          })
          .loose(),
      ),
      minzoom: count,
      maxzoom: count,
      bounds: z.array(z.number()),
    })
    .loose()
    .meta({ description: 'TileJSON 3.0.0' }),
)

/** The tile layers the server offers (GET /tiles). */
export const tileLayerList = named(
  'TileLayerList',
  z.object({
    extent: count.meta({ description: 'tile extent, in tile units' }),
    empty_tile: z.string(),
    cache: z.string(),
    layers: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        geometry: z.string(),
        minzoom: count,
        maxzoom: count,
        tilejson: z.string(),
        tiles: z.string().meta({ description: 'the tile URL template' }),
        parameters: z.array(z.string()).meta({ description: 'the incident filters the layer takes' }),
        fields: z.record(z.string(), z.string()).meta({ description: 'field name → what it holds' }),
      }),
    ),
  }),
)
export type TileLayerList = z.infer<typeof tileLayerList>
