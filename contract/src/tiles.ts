// Vector tiles: TileJSON and the tile query.
import { z } from 'zod'
import { codeList, periodFields } from './params.ts'
import { count, named } from './registry.ts'

/** Query parameters of tiles and TileJSON; only layers with incident filters take any. */
export const tileQuery = z.object({ ...periodFields, categories: codeList.optional() }).strict()

export const tileJson = named(
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
