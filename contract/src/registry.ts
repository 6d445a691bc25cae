// Named schemas: each response schema registered here is one entry of the OpenAPI document's
// components.schemas, referred to by its id wherever it is used.
import { z } from 'zod'

export const components = z.registry<{ id: string }>()

/** Registers `schema` under `id` (the component name) and returns it. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  components.add(schema, { id })
  return schema
}

export const nullable = <T extends z.ZodType>(s: T) => s.nullable()
export const date = z.string().meta({ format: 'date' })
export const count = z.number().int()

export const period = named(
  'Period',
  z.object({ from: date, to: date }).meta({ description: 'the period counted, both days included' }),
)

/** A GeoJSON geometry, described only (the features' geometry is whatever the layer holds). */
const geometry = z.object({ type: z.string(), coordinates: z.unknown() }).loose()

/** A FeatureCollection whose features carry `properties`, with foreign members (RFC 7946 §6.1). */
export function featureCollection<P extends z.ZodRawShape, M extends z.ZodRawShape>(
  description: string,
  geometryKind: string,
  properties: z.ZodObject<P>,
  members: M = {} as M,
) {
  return z
    .object({
      type: z.literal('FeatureCollection'),
      ...members,
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          id: z.union([z.string(), z.number().int()]).optional(),
          properties,
          geometry: geometry
            .nullable()
            .meta({ description: `${geometryKind}; coordinates in WGS 84 with 6 decimals` }),
        }),
      ),
    })
    .meta({ description })
}
