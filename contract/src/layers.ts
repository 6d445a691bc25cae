// GeoJSON layers: /api/layers/*, /api/incidents, /api/incidents/density.
import { z } from 'zod'
import { BORDER_FEATURE_KINDS, LEVELS, MODEL_STATUSES } from './lists.ts'
import { count, date, featureCollection, named, period } from './registry.ts'

export const borderLineCollection = named(
  'BorderLine',
  featureCollection(
    'the national border line',
    'MultiLineString',
    z.object({ id: count, name: z.string(), source: z.string() }),
  ),
)

export const borderBeltCollection = named(
  'BorderBelt',
  featureCollection(
    'the border belt',
    'MultiPolygon',
    z.object({ id: count, depth_m: z.number(), area_km2: z.number() }),
  ),
)

export const borderFeatureProps = z.object({
  id: z.string(),
  kind: z.enum(BORDER_FEATURE_KINDS),
  name: z.string(),
  commune_code: z.string().nullable(),
})
export type BorderFeatureProps = z.infer<typeof borderFeatureProps>

export const borderFeatureCollection = named(
  'BorderFeatures',
  featureCollection('border gates, openings, markers and posts', 'Point', borderFeatureProps),
)

export const modelPointProps = z.object({
  id: z.string(),
  name: z.string(),
  type_code: z.string(),
  status: z.enum(MODEL_STATUSES).meta({ description: 'status at the reference date' }),
  lead_org_code: z.string(),
  commune_code: z.string(),
  village_code: z.string().nullable().meta({ description: 'null for commune-wide models' }),
  exemplary: z.boolean(),
  replicated_from: z.string().nullable().meta({ description: 'id of the exemplary model this one copies' }),
  founded_on: date,
  last_rating: z.enum(['tot', 'kha', 'trung_binh', 'yeu']).nullable(),
  last_evaluated_on: date.nullable(),
  evaluation_overdue: z.boolean().nullable().meta({
    description:
      'last evaluation older than eval_months at the reference date (never evaluated counts as overdue; a model founded less than eval_months before is not due); null for dissolved models',
  }),
  radius_m: z.number().nullable().meta({ description: 'coverage radius of radius types (cameras)' }),
})
export type ModelPointProps = z.infer<typeof modelPointProps>

export const modelCollection = named(
  'ModelCollection',
  featureCollection('security models in their state at the reference date', 'Point', modelPointProps, {
    period,
    reference_date: date.meta({ description: 'the end of the period' }),
    eval_months: count,
    count,
  }),
)

const incidentSelection = {
  period,
  categories: z
    .array(z.string())
    .meta({ description: 'the categories counted (every category when not filtered)' }),
}

export const incidentCollection = named(
  'IncidentCollection',
  featureCollection(
    'incidents, newest first',
    'Point',
    z.object({
      id: z.string(),
      category_code: z.string(),
      occurred_on: date,
      severity: z.number().int().min(1).max(3),
      precision: z
        .enum(['exact', 'approximate'])
        .meta({ description: 'approximate: often only the village is known' }),
      commune_code: z.string(),
      village_code: z.string().nullable(),
    }),
    {
      ...incidentSelection,
      bbox: z.array(z.number()).nullable(),
      limit: count,
      returned: count,
      matched: count.meta({ description: 'incidents matching the filters' }),
      truncated: z.boolean().meta({ description: 'more incidents matched than `limit`' }),
    },
  ),
)

const density = {
  mode: z.enum(['hex', 'units']),
  ...incidentSelection,
  min_count: count,
  suppressed_cells: count.meta({
    description: 'cells (or units) with 0 < count < min_count, reported with count null',
  }),
}

export const densityHex = named(
  'DensityHex',
  featureCollection(
    'hexagon cells with at least one incident',
    'Polygon',
    z.object({ i: count, j: count, count: count.nullable(), suppressed: z.boolean() }),
    {
      ...density,
      resolution_m: count.meta({ description: 'edge length on the ground' }),
      cell_size_3857: z.number().meta({
        description: 'edge length in EPSG:3857 units (resolution_m / cos(latitude of the province centre))',
      }),
      crs_note: z.string(),
    },
  ),
)

export const densityUnitProps = z.object({
  code: z.string(),
  name: z.string(),
  commune_code: z.string().nullable(),
  count: count.nullable(),
  suppressed: z.boolean(),
})

export const densityUnits = named(
  'DensityUnits',
  featureCollection(
    'every commune or village, zero counts included',
    '(Multi)Polygon, or Point for a village without a polygon',
    densityUnitProps,
    { ...density, level: z.enum(LEVELS) },
  ),
)

export const densityRows = named(
  'DensityRows',
  z.object({ ...density, level: z.enum(LEVELS), rows: z.array(densityUnitProps) }),
)
export type DensityRows = z.infer<typeof densityRows>
