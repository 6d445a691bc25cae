// /api/health, /api/meta, /api/meta/taxonomies.
import { z } from 'zod'
import { count, named, period } from './registry.ts'

const database = z.enum(['embedded', 'postgres'])

/** The area the atlas serves (AREA at the first start): what titles, exports and the first map view show. */
export const areaInfo = z
  .object({
    code: z.string().meta({ description: "AREA: a province code ('15'), or 'VN' for the whole country" }),
    /** the province codes it covers */
    provinces: z.array(z.string()),
    name: z.string().meta({ description: 'e.g. Tỉnh Cao Bằng' }),
    name_en: z.string().meta({ description: 'e.g. Cao Bằng province' }),
    bounds: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .meta({ description: '[west, south, east, north] in degrees, or null before the seed' }),
    neighbours: z
      .array(z.object({ code: z.string(), name: z.string(), label: z.tuple([z.number(), z.number()]) }))
      .meta({
        description: 'the provinces around it, drawn as context: name and a point inside for the label',
      }),
  })
  .meta({
    description:
      'the area served (AREA at the first start): its provinces, name and extent [west, south, east, north]',
  })
export type AreaInfo = z.infer<typeof areaInfo>

export const healthStatus = named(
  'Health',
  z.object({
    status: z.literal('ok'),
    database,
    postgis: z.string().meta({ description: 'PostGIS library version' }),
    demo: z.boolean(),
    area: areaInfo,
    communes: count,
    villages: count,
    data_range: period,
  }),
)
export type Health = z.infer<typeof healthStatus>

export const healthDegraded = named(
  'HealthDegraded',
  z.object({
    status: z.literal('degraded'),
    database,
    problem: z.string().meta({ description: 'what is wrong, in a few words' }),
  }),
)

export const metaInfo = named(
  'Meta',
  z.object({
    demo: z.boolean(),
    demo_notice: z.object({ vi: z.string(), en: z.string() }),
    data_range: period,
    default_period: period,
    seed: count.nullable(),
    seeded_at: z.string().nullable(),
    missing_layers: z
      .array(
        z.object({
          id: z.string().meta({ description: 'the layer of data/sources.json, e.g. communes_2008' }),
          path: z.string(),
          what: z.string(),
          hint: z.string().meta({ description: 'how to supply it (DATA_MIRROR, or where to download it)' }),
        }),
      )
      .meta({ description: 'optional boundary layers the seed could not have, with how to supply them' }),
    freshness: z.array(
      z.object({ table: z.string(), changed_at: z.string().meta({ description: 'ISO 8601 UTC' }) }),
    ),
    sources: z.array(z.string()),
  }),
)
export type Meta = z.infer<typeof metaInfo>

export const taxon = named(
  'Taxon',
  z.object({ code: z.string(), name_vi: z.string(), name_en: z.string() }).catchall(z.unknown()).meta({
    description: 'a taxonomy entry; some carry more fields (coverage, radius_m, group_code, rank, effective)',
  }),
)
export type Taxon = z.infer<typeof taxon>

export const taxonomies = named(
  'Taxonomies',
  z.object({
    model_types: z.array(
      taxon.extend({
        coverage: z.enum(['village', 'commune', 'radius']),
        radius_m: z.number().nullable(),
        border_only: z.boolean(),
      }),
    ),
    incident_categories: z.array(taxon.extend({ group_code: z.string() })),
    lead_orgs: z.array(taxon),
    ratings: z.array(taxon.extend({ rank: count, effective: z.boolean() })),
    area_classes: z.array(taxon),
    statuses: z.array(taxon),
  }),
)
export type Taxonomies = z.infer<typeof taxonomies>
