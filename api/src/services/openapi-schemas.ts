// Response schemas of the OpenAPI document (components.schemas).
import { EMERGING_CATEGORIES } from '@antt/analysis'
import { METRIC_NAMES } from '@antt/contract'
import { ERROR_SCHEMA, type JsonSchema } from './openapi-build.ts'

const str = (description?: string): JsonSchema =>
  description ? { type: 'string', description } : { type: 'string' }
const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] })
const date = (description?: string): JsonSchema => ({
  type: 'string',
  format: 'date',
  ...(description ? { description } : {}),
})
const num = { type: 'number' }
const int = { type: 'integer' }
const bool = { type: 'boolean' }
const obj = (
  properties: Record<string, JsonSchema>,
  description?: string,
  required?: string[],
): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  ...(required ? { required } : {}),
})
const list = (items: JsonSchema, description?: string): JsonSchema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
})
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/** A FeatureCollection whose features carry `properties`, with foreign members (RFC 7946 §6.1). */
const collection = (
  description: string,
  properties: Record<string, JsonSchema>,
  members: Record<string, JsonSchema> = {},
  geometry = 'any GeoJSON geometry',
): JsonSchema => ({
  type: 'object',
  description,
  required: ['type', 'features'],
  properties: {
    type: { const: 'FeatureCollection' },
    ...members,
    features: list(
      obj(
        {
          type: { const: 'Feature' },
          id: { type: ['string', 'integer'] },
          properties: obj(properties),
          geometry: nullable({
            type: 'object',
            description: `${geometry}; coordinates in WGS 84 with 6 decimals`,
          }),
        },
        undefined,
        ['type', 'properties', 'geometry'],
      ),
    ),
  },
})

const metricsRow = obj(
  {
    code: str('commune code (5 digits) or village code (5 digits-3 digits)'),
    name: str(),
    commune_code: nullable(str('for villages: the commune')),
    is_border: bool,
    area_classes: list(str()),
    ...Object.fromEntries(METRIC_NAMES.map((m) => [m, nullable(num)])),
    incident_rate_per_1000: nullable({
      type: 'number',
      description:
        'incidents per 1,000 residents per year: incidents / residents × 1,000 / (days of the period / 365.25)',
    }),
    incident_rate_eb: nullable({
      type: 'number',
      description:
        'Empirical-Bayes smoothed incidents per 1,000 residents per year (Marshall 1991, global method of moments), shrunk toward the rate of the whole scope at this level for the period and categories (not toward the filtered rows); null when the count is withheld or there are no residents',
    }),
    incident_rate_flagged: nullable({
      type: 'boolean',
      description:
        'the raw incident rate rests on small numbers (fewer residents than small_numbers.min_population or fewer incidents than small_numbers.min_count): read the smoothed rate; null when the count is withheld',
    }),
  },
  'one unit; shares are 0–1, incident_rate_per_1000 per 1,000 residents per year (incidents of the period / residents × 1,000 / (days / 365.25)), the other rates per 1,000 residents over the period; null when undefined (e.g. no population)',
)

const taxon = obj(
  { code: str(), name_vi: str(), name_en: str() },
  'a taxonomy entry; some carry more fields (coverage, radius_m, group_code, rank, effective)',
  ['code', 'name_vi', 'name_en'],
)
const period = obj({ from: date(), to: date() }, 'the period counted, both days included', ['from', 'to'])
const incidentSelection = {
  period: ref('Period'),
  categories: list(str(), 'the categories counted (every category when not filtered)'),
}
const density = {
  mode: { enum: ['hex', 'units'] },
  ...incidentSelection,
  min_count: int,
  suppressed_cells: {
    type: 'integer',
    description: 'cells (or units) with 0 < count < min_count, reported with count null',
  },
}

export const SCHEMAS: Record<string, JsonSchema> = {
  Error: ERROR_SCHEMA,
  Period: period,
  Taxon: taxon,
  Health: obj({
    status: { const: 'ok' },
    database: { enum: ['embedded', 'postgres'] },
    postgis: str('PostGIS library version'),
    demo: bool,
    area: obj(
      {
        provinces: list(str()),
        name: str('e.g. Tỉnh Cao Bằng'),
        name_en: str('e.g. Cao Bằng province'),
        bounds: nullable(list(num)),
        neighbours: list(obj({ code: str(), name: str(), label: list(num) })),
      },
      'the area served (AREA at the first start): its provinces, name and extent [west, south, east, north]',
    ),
    communes: int,
    villages: int,
    data_range: ref('Period'),
  }),
  HealthDegraded: obj({
    status: { const: 'degraded' },
    database: { enum: ['embedded', 'postgres'] },
    problem: str('what is wrong, in a few words'),
  }),
  Meta: obj({
    demo: bool,
    demo_notice: obj({ vi: str(), en: str() }),
    data_range: ref('Period'),
    default_period: ref('Period'),
    seed: nullable(int),
    seeded_at: nullable(str()),
    freshness: list(obj({ table: str(), changed_at: str('ISO 8601 UTC') })),
    sources: list(str()),
  }),
  Taxonomies: obj(
    Object.fromEntries(
      ['model_types', 'incident_categories', 'lead_orgs', 'ratings', 'area_classes', 'statuses'].map((k) => [
        k,
        list(ref('Taxon')),
      ]),
    ),
  ),
  UnitCollection: collection('administrative units; the properties are those asked for with `properties`', {
    code: str(),
    name: str(),
    population: int,
    area_km2: num,
  }),
  MetricsRow: metricsRow,
  MetricsResult: obj(
    {
      level: { enum: ['commune', 'village'] },
      period: ref('Period'),
      filters: obj({}, 'the filters applied, as validated'),
      rows: list(ref('MetricsRow')),
      totals: obj(
        {},
        'province totals by the same definitions: sums, and ratios of sums; for aggregate-only roles the incident sums add up the published rows, and incidents_withheld_units says how many were withheld',
      ),
      small_numbers: obj({ min_population: int, min_count: int }, 'thresholds of incident_rate_flagged', [
        'min_population',
        'min_count',
      ]),
    },
    undefined,
    ['level', 'period', 'rows', 'totals', 'small_numbers'],
  ),
  UnitDetail: obj({
    code: str(),
    name: str(),
    level: { enum: ['commune', 'village'] },
    kind: str(),
    commune: nullable(obj({ code: str(), name: str() })),
    period: ref('Period'),
    metrics: nullable(ref('MetricsRow')),
    incident_series: list(
      obj({ month: str('YYYY-MM'), category: str(), n: int }),
      'months × categories with incidents; for aggregate-only roles only the published cells (see the Security model in the README)',
    ),
    villages: list(ref('MetricsRow'), 'for a commune: its villages'),
    models: list(
      obj({}),
      'models with their evaluations; empty without the read_records permission (see models_withheld)',
    ),
    models_count: int,
    models_withheld: nullable({
      enum: ['aggregate_only'],
      description:
        'why `models` is empty although `models_count` is not: aggregate_only, the role sees counts, not records; null when listed',
    }),
    certifications: list(
      obj({
        year: int,
        subject_kind: str(),
        subject_name: str(),
        village_code: nullable(str()),
        certified: bool,
      }),
    ),
  }),
  SearchResult: obj({
    query: str(),
    results: list(
      obj({
        level: { enum: ['commune', 'village'] },
        code: str(),
        name: str(),
        commune_code: nullable(str()),
        commune_name: nullable(str()),
        lon: num,
        lat: num,
        rank: { type: 'integer', description: '0 exact, 1 prefix, 2 word prefix, 3 substring' },
      }),
    ),
  }),
  BorderLine: collection(
    'the national border line',
    { id: int, name: str(), source: str() },
    {},
    'MultiLineString',
  ),
  BorderBelt: collection('the border belt', { id: int, depth_m: num, area_km2: num }, {}, 'MultiPolygon'),
  BorderFeatures: collection(
    'border gates, openings, markers and posts',
    {
      id: str(),
      kind: { enum: ['gate_international', 'gate_main', 'gate_secondary', 'opening', 'marker', 'post'] },
      name: str(),
      commune_code: nullable(str()),
    },
    {},
    'Point',
  ),
  ModelCollection: collection(
    'security models in their state at the reference date',
    {
      id: str(),
      name: str(),
      type_code: str(),
      status: { enum: ['active', 'weak', 'dissolved'], description: 'status at the reference date' },
      lead_org_code: str(),
      commune_code: str(),
      village_code: nullable(str('null for commune-wide models')),
      exemplary: bool,
      replicated_from: nullable(str('id of the exemplary model this one copies')),
      founded_on: date(),
      last_rating: nullable({ enum: ['tot', 'kha', 'trung_binh', 'yeu'] }),
      last_evaluated_on: nullable(date()),
      evaluation_overdue: nullable({
        type: 'boolean',
        description:
          'last evaluation older than eval_months at the reference date (never evaluated counts as overdue; a model founded less than eval_months before is not due); null for dissolved models',
      }),
      radius_m: nullable({ type: 'number', description: 'coverage radius of radius types (cameras)' }),
    },
    { period: ref('Period'), reference_date: date('the end of the period'), eval_months: int, count: int },
    'Point',
  ),
  IncidentCollection: collection(
    'incidents, newest first',
    {
      id: str(),
      category_code: str(),
      occurred_on: date(),
      severity: { type: 'integer', minimum: 1, maximum: 3 },
      precision: {
        enum: ['exact', 'approximate'],
        description: 'approximate: often only the village is known',
      },
      commune_code: str(),
      village_code: nullable(str()),
    },
    {
      ...incidentSelection,
      bbox: nullable(list(num)),
      limit: int,
      returned: int,
      matched: { type: 'integer', description: 'incidents matching the filters' },
      truncated: { type: 'boolean', description: 'more incidents matched than `limit`' },
    },
    'Point',
  ),
  DensityHex: collection(
    'hexagon cells with at least one incident',
    { i: int, j: int, count: nullable(int), suppressed: bool },
    {
      ...density,
      resolution_m: { type: 'integer', description: 'edge length on the ground' },
      cell_size_3857: {
        type: 'number',
        description: 'edge length in EPSG:3857 units (resolution_m / cos(latitude of the province centre))',
      },
      crs_note: str(),
    },
    'Polygon',
  ),
  DensityUnits: collection(
    'every commune or village, zero counts included',
    { code: str(), name: str(), commune_code: nullable(str()), count: nullable(int), suppressed: bool },
    { ...density, level: { enum: ['commune', 'village'] } },
    '(Multi)Polygon, or Point for a village without a polygon',
  ),
  DensityRows: obj({
    ...density,
    level: { enum: ['commune', 'village'] },
    rows: list(
      obj({
        code: str(),
        name: str(),
        commune_code: nullable(str()),
        count: nullable(int),
        suppressed: bool,
      }),
    ),
  }),
  TileJSON: obj(
    {
      tilejson: { const: '3.0.0' },
      tiles: list(str()),
      vector_layers: list(obj({ id: str(), fields: obj({}), minzoom: int, maxzoom: int })),
      minzoom: int,
      maxzoom: int,
      bounds: list(num),
    },
    'TileJSON 3.0.0',
  ),
  OpenApi: obj({ openapi: { const: '3.1.0' } }, 'this document'),
  EmergingHotSpots: obj(
    {
      level: { enum: ['commune', 'village'] },
      metric: { enum: ['incidents'] },
      step: { enum: ['month', 'quarter'] },
      period: obj({ from: date(), to: date() }, 'the period widened to whole steps'),
      steps: list(str('YYYY-MM or YYYY-Qn')),
      method: obj({}, 'contiguity, Gi*, trend and category rules in words'),
      counts: obj({ units: int, low_counts: int, categories: obj({}, 'units per category') }),
      rows: list(
        obj(
          {
            code: str(),
            name: str(),
            category: { enum: [...EMERGING_CATEGORIES] },
            trend_z: nullable(num),
            trend_p: nullable(num),
            low_counts: { ...bool, description: 'under one incident per step in the neighbourhood' },
            series: list(
              obj(
                {
                  step: str(),
                  value: nullable(int),
                  suppressed: { const: true },
                  gi_z: nullable(num),
                  gi_p: nullable(num),
                  hot: nullable(bool),
                },
                undefined,
                ['step', 'value', 'gi_z', 'gi_p', 'hot'],
              ),
            ),
          },
          undefined,
          ['code', 'category', 'trend_z', 'trend_p', 'series'],
        ),
      ),
    },
    'emerging hot spot analysis',
    ['method', 'steps', 'rows'],
  ),
  AnyObject: { type: 'object', description: 'a JSON object; see the description of the operation' },
}
