// /api/units, /api/units/{code}, /api/search.
import { z } from 'zod'
import { LEVELS, METRICS_LEVELS, UNIT_LEVELS } from './lists.ts'
import { metricsRow } from './metrics.ts'
import { commaList, communeCode, metricsFilterFields, simplifyParam } from './params.ts'
import { count, date, featureCollection, named, period } from './registry.ts'

export const unitsQuery = z
  .object({
    level: z.enum(UNIT_LEVELS, { message: `expected one of ${UNIT_LEVELS.join(', ')}` }),
    simplify: simplifyParam,
    properties: commaList(500).optional().meta({
      description:
        'comma-separated property names; default all of the level (an unknown name is a 400 listing the available ones)',
    }),
    commune: communeCode
      .optional()
      .meta({ description: 'level commune or village: only this commune or its villages' }),
    geometry: z
      .enum(['polygon', 'point'])
      .default('polygon')
      .meta({ description: 'point: a point on the surface (villages: their centre)' }),
  })
  .strict()

/** The properties a unit feature may carry (each level has some of them; `properties` chooses). */
export const communeProps = z.object({
  code: z.string(),
  name: z.string(),
  full_name: z.string(),
  type: z.string(),
  population: count,
  area_km2: z.number(),
  is_border: z.boolean(),
  distance_to_border_km: z.number(),
  area_classes: z.array(z.string()),
})
export type CommuneProps = z.infer<typeof communeProps>

/** A province in force (national mode has 34; also the dissolved ones, coded '15@2025', for history). */
export const provinceProps = z.object({
  code: z.string(),
  name: z.string(),
  population: count.nullable(),
  area_km2: z.number(),
})
export type ProvinceProps = z.infer<typeof provinceProps>

/** A commune of 2008 (before the 2025 merger) and the 2025 communes it became part of. */
export const commune2008Props = z.object({
  code: z.string(),
  official_code: z.string(),
  name: z.string(),
  district: z.string(),
  population: count.nullable(),
  area_km2: z.number(),
  new_codes: z.array(z.string()),
})
export type Commune2008Props = z.infer<typeof commune2008Props>

export const villageProps = z.object({
  code: z.string(),
  name: z.string(),
  commune_code: z.string(),
  kind: z.string(),
  population: count,
  households: count,
  area_km2: z.number(),
  is_border: z.boolean(),
  distance_to_border_km: z.number(),
})
export type VillageProps = z.infer<typeof villageProps>

export const unitCollection = named(
  'UnitCollection',
  featureCollection(
    'administrative units; the properties are those asked for with `properties`',
    '(Multi)Polygon, or Point with geometry=point',
    communeProps.partial().extend(commune2008Props.partial().shape).extend(villageProps.partial().shape),
  ),
)

export const unitDetailQuery = z.object(metricsFilterFields).omit({ commune: true }).strict()

const securityModel = z.object({
  id: z.string(),
  name: z.string(),
  type_code: z.string(),
  village_code: z.string().nullable(),
  lead_org_code: z.string(),
  founded_on: date,
  members: count,
  exemplary: z.boolean(),
  replicated_from: z.string().nullable(),
  status: z.string(),
  dissolved_on: date.nullable(),
  dissolved_reason: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  evaluations: z.array(z.object({ date, rating: z.string() })).meta({ description: 'newest first' }),
})
export type SecurityModel = z.infer<typeof securityModel>

export const unitDetailResult = named(
  'UnitDetail',
  z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    kind: z.string(),
    commune: z.object({ code: z.string(), name: z.string() }).nullable(),
    period,
    metrics: metricsRow.nullable(),
    incident_series: z
      .array(z.object({ month: z.string().meta({ description: 'YYYY-MM' }), category: z.string(), n: count }))
      .meta({
        description:
          'months × categories with incidents; for aggregate-only roles only the published cells (see the Security model in the README)',
      }),
    villages: z.array(metricsRow).meta({ description: 'for a commune: its villages' }),
    models: z.array(securityModel).meta({
      description:
        'models with their evaluations; empty without the read_records permission (see models_withheld)',
    }),
    models_count: count,
    models_withheld: z.literal('aggregate_only').nullable().meta({
      description:
        'why `models` is empty although `models_count` is not: aggregate_only, the role sees counts, not records; null when listed',
    }),
    certifications: z.array(
      z.object({
        year: count,
        subject_kind: z.string(),
        subject_name: z.string(),
        village_code: z.string().nullable(),
        certified: z.boolean(),
      }),
    ),
  }),
)
export type UnitDetail = z.infer<typeof unitDetailResult>

export const searchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100)
      .meta({ description: 'text to find ("lao cai" finds Phường Lào Cai)' }),
    limit: z.coerce.number().int().min(1).max(50).default(10).meta({ description: 'most results' }),
    level: z.enum(METRICS_LEVELS).optional().meta({ description: 'only this level' }),
  })
  .strict()

export const searchHit = z.object({
  level: z.enum(METRICS_LEVELS),
  code: z.string(),
  name: z.string(),
  commune_code: z.string().nullable().meta({ description: 'for villages: the commune' }),
  commune_name: z.string().nullable(),
  province_name: z.string().nullable().meta({ description: 'for communes and villages: the province' }),
  lon: z.number(),
  lat: z.number(),
  bounds: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .nullable()
    .meta({ description: 'for provinces: [west, south, east, north] in degrees' }),
  rank: count.meta({ description: '0 exact, 1 prefix, 2 word prefix, 3 substring' }),
})
export type SearchHit = z.infer<typeof searchHit>

export const searchResult = named(
  'SearchResult',
  z.object({ query: z.string(), results: z.array(searchHit) }),
)
export type SearchResult = z.infer<typeof searchResult>
