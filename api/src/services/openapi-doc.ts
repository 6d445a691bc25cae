// The OpenAPI 3.1 description of every endpoint of the app (app.ts). Parameters come from the routes' zod
// schemas where a module exports them, so the document cannot drift from validation; the rest are written
// here, and routes/openapi.test.ts checks that every route of the app is described and that every documented
// query parameter is accepted.
import { DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'
import {
  emergingQuery,
  METRIC_NAMES,
  metricsFilterFields,
  metricsQuery as metricsQuerySchema,
  scenarioParam,
} from '@antt/contract'
import { z } from 'zod'
import { CONDITION_THRESHOLD } from '../alerts/conditions.ts'
import { alertsQuery } from '../alerts/notifications.ts'
import { newRule, rulePatch } from '../alerts/rules.ts'
import { SESSION_COOKIE } from '../auth/sessions.ts'
import { MAX_QUERY_LENGTH } from '../http/validate.ts'
import { borderBeltQuery, borderFeaturesQuery, borderLineQuery } from './border-layers.ts'
import { densityQuery } from './incident-density.ts'
import { incidentPointsQuery } from './incident-points.ts'
import { modelsQuery } from './model-layer.ts'
import {
  COMMON_RESPONSES,
  geojson,
  json,
  jsonSchema,
  type OpenApiDocument,
  type Parameter,
  PathBuilder,
  pathParameter,
  queryParameter,
  queryParameters,
  ref,
} from './openapi-build.ts'
import { SCHEMAS } from './openapi-schemas.ts'
import { costBody, coverBody, optimizeBody, planExportBody } from './plans/requests.ts'
import { newScenario, scenarioPatch } from './scenarios/changes.ts'

const LEVEL = { type: 'string', enum: ['commune', 'village'], default: 'commune' }
const level = queryParameter('level', LEVEL, 'unit level')
const filters = queryParameters(z.object(metricsFilterFields))
const scenario = queryParameters(z.object({ scenario: scenarioParam.optional() }))
const filtersExcept = (...names: string[]) => filters.filter((p) => !names.includes(p.name))
const metric = queryParameter(
  'metric',
  { type: 'string', enum: [...METRIC_NAMES] },
  'the metric: any of `/api/metrics`, incident_rate_eb (Empirical-Bayes smoothed incident rate) among them',
  true,
)
const booleanParam = (name: string, description: string, dflt: boolean) =>
  queryParameter(name, { type: 'string', enum: ['true', 'false'], default: String(dflt) }, description)
const id = pathParameter('id', { type: 'integer', minimum: 1 }, 'numeric id')
const TILE_LAYERS = [
  'province',
  'mask',
  'communes',
  'villages',
  'village_points',
  'border_line',
  'border_belt',
  'border_features',
  'models',
  'incident_hex',
]
const tileLayer = pathParameter(
  'layer',
  { type: 'string', enum: TILE_LAYERS },
  'tile layer; zoom ranges and fields: `GET /tiles`',
)
const incidentTileFilters: Parameter[] = filters
  .filter((p) => ['from', 'to', 'categories'].includes(p.name))
  .map((p) => ({ ...p, description: `incident_hex only: ${p.description}` }))
const objectWith = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
})
const viewBody = (required: boolean) =>
  objectWith(
    {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      subtitle: { type: 'string', maxLength: 300, default: '' },
      notes: { type: 'string', maxLength: 5000, default: '' },
      state: {
        type: 'object',
        description:
          'the map state, kept as given (at most 32,768 characters of JSON); `period` {from, to} and `lang` (vi|en) are checked',
      },
    },
    required ? ['title', 'state'] : [],
  )
const deckBody = (required: boolean) =>
  objectWith(
    {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      view_ids: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 100 },
    },
    required ? ['title'] : [],
  )

function paths() {
  const p = new PathBuilder('Service')

  p.add('get', '/api/health', {
    lenient: true,
    summary: 'Liveness, database kind, PostGIS version, demo flag',
    description: '503 with `status: degraded` while the database does not answer (e.g. while reconnecting).',
    responses: {
      200: json(ref('Health')),
      503: json(ref('HealthDegraded'), 'the database does not answer'),
    },
  })
    .add('get', '/api/openapi.json', {
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: json(ref('OpenApi')) },
    })
    .add('get', '/api/docs', {
      summary: 'API reference page (HTML, self-contained)',
      responses: {
        200: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
      },
    })
    .add('get', '/api/meta', {
      summary: 'Data range, default period, demo flag, freshness per table, sources',
      responses: { 200: json(ref('Meta')) },
    })
    .add('get', '/api/meta/taxonomies', {
      summary:
        'Model types, incident categories, lead organisations, ratings, area classes, statuses (vi, en)',
      responses: { 200: json(ref('Taxonomies')) },
    })

  p.group('Units and metrics')
    .add('get', '/api/units', {
      summary: 'Administrative units as GeoJSON',
      parameters: [
        queryParameter(
          'level',
          { type: 'string', enum: ['province', 'commune', 'commune_2008', 'village'] },
          'unit level',
          true,
        ),
        queryParameter(
          'simplify',
          { type: 'number', minimum: 0, maximum: 0.1, default: 0 },
          'Douglas–Peucker tolerance in degrees (0.0005° ≈ 50 m); 0 keeps the stored geometry',
        ),
        queryParameter(
          'properties',
          { type: 'string', maxLength: 500 },
          'comma-separated property names; default all of the level (an unknown name is a 400 listing the available ones)',
        ),
        queryParameter(
          'commune',
          { type: 'string', pattern: '^\\d{5}$' },
          'level commune or village: only this commune or its villages',
        ),
        queryParameter(
          'geometry',
          { type: 'string', enum: ['polygon', 'point'], default: 'polygon' },
          'point: a point on the surface (villages: their centre)',
        ),
      ],
      responses: { 200: geojson(ref('UnitCollection')) },
    })
    .add('get', '/api/units/{code}', {
      summary:
        "One unit's metrics, monthly incidents by category, villages, models with evaluations, certifications",
      parameters: [
        pathParameter(
          'code',
          { type: 'string', pattern: '^\\d{5}(-\\d{3})?$' },
          'commune code (5 digits) or village code (5 digits-3 digits)',
        ),
        ...filtersExcept('commune'),
      ],
      responses: { 200: json(ref('UnitDetail')) },
    })
    .add('get', '/api/metrics', {
      summary: 'Coverage and incident metrics per commune or village, with province totals',
      description:
        'Definitions are in sql/functions/03_metrics.sql. Default period: the last 12 months of data; default coverage: all active model types.',
      parameters: queryParameters(metricsQuerySchema),
      responses: { 200: json(ref('MetricsResult')) },
    })
    .add('get', '/api/search', {
      summary: 'Communes and villages by name, diacritic- and case-insensitive, ranked',
      parameters: [
        queryParameter(
          'q',
          { type: 'string', minLength: 1, maxLength: 100 },
          'text to find ("lao cai" finds Phường Lào Cai)',
          true,
        ),
        queryParameter('limit', { type: 'integer', minimum: 1, maximum: 50, default: 10 }, 'most results'),
        queryParameter('level', { type: 'string', enum: ['commune', 'village'] }, 'only this level'),
      ],
      responses: { 200: json(ref('SearchResult')) },
    })

  p.group('Layers')
    .add('get', '/api/layers/border_line', {
      summary: 'The national border line',
      parameters: queryParameters(borderLineQuery),
      responses: { 200: geojson(ref('BorderLine')) },
    })
    .add('get', '/api/layers/border_belt', {
      summary: 'The border belt (strip up to 1,000 m from the border)',
      parameters: queryParameters(borderBeltQuery),
      responses: { 200: geojson(ref('BorderBelt')) },
    })
    .add('get', '/api/layers/border_features', {
      summary: 'Border gates, openings, markers and border-guard posts',
      parameters: queryParameters(borderFeaturesQuery),
      responses: { 200: geojson(ref('BorderFeatures')) },
    })
    .add('get', '/api/layers/models', {
      summary: 'Security models as points, with status, last rating and whether the evaluation is overdue',
      description:
        'The state is taken at the reference date, the end of the period (`to`, default the last date of the data). A model is listed when it existed during the period: founded on or before `to` and not dissolved before `from`.',
      parameters: queryParameters(modelsQuery, {
        statuses: 'comma-separated statuses at the reference date: active, weak, dissolved; default all',
      }),
      responses: { 200: geojson(ref('ModelCollection')) },
    })

  p.group('Incidents')
    .add('get', '/api/incidents', {
      summary: 'Individual incidents as points (sensitive)',
      description:
        'Newest first, at most `limit`; `truncated` and `matched` say when more matched. Default period: the last 12 months of data.',
      parameters: queryParameters(incidentPointsQuery),
      responses: { 200: geojson(ref('IncidentCollection')) },
    })
    .add('get', '/api/incidents/density', {
      summary: 'Incident counts on a hexagon grid or per unit, small counts suppressed',
      description:
        'mode=hex: hexagons of ST_HexagonGrid in EPSG:3857 over the province; `resolution` is the edge length in ground metres, and since EPSG:3857 stretches distances by 1/cos(latitude) (≈1.08 at 22°N) the grid size is the resolution divided by cos(latitude of the province centre), within ±0.6 % across the province. Cells without incidents are omitted. ' +
        'mode=units: every commune or village, zero counts included; geometry=false returns `{ rows }` as plain JSON. ' +
        'A hexagon with 0 < count < min_count is left out, geometry and all (`suppressed_cells` says how many); a unit with such a count is reported as `count: null, suppressed: true`, never as zero. Lowering min_count below 3 needs the read_incident_points permission. ' +
        "Aggregate-only roles (briefer, viewer): hexagons have an edge of at least 2,000 m (a finer resolution is answered at 2,000 m), periods are widened to whole calendar months, and a unit is also withheld when its count could otherwise be worked out from its commune's (see the Security model in the README).",
      parameters: queryParameters(densityQuery),
      responses: {
        200: {
          description: 'GeoJSON (hexagons or units), or rows when mode=units&geometry=false',
          content: {
            'application/geo+json': { schema: { oneOf: [ref('DensityHex'), ref('DensityUnits')] } },
            'application/json': { schema: ref('DensityRows') },
          },
        },
      },
    })

  p.group('Statistics')
    .add('get', '/api/stats/neighbors', {
      summary: 'Queen contiguity: the neighbours of every unit',
      description:
        'Headers X-Islands-Count and X-Contiguity-Tolerance-M state the islands and the sliver tolerance.',
      parameters: [level],
      responses: {
        200: json({
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string' } },
          description: '{ "<code>": ["<code>", …] }',
        }),
      },
    })
    .add('get', '/api/stats/neighbors/islands', {
      summary: 'Contiguity summary: rule, tolerance, links and islands',
      parameters: [level],
      responses: { 200: json(ref('AnyObject')) },
    })
    .add('get', '/api/stats/hotspots', {
      summary: "Getis–Ord Gi* and local Moran's I with permutation p-values and FDR",
      parameters: [
        level,
        metric,
        queryParameter(
          'permutations',
          { type: 'integer', minimum: 0, maximum: 9999, default: 999 },
          'conditional permutations; 0 gives analytical p-values only',
        ),
        queryParameter(
          'seed',
          { type: 'integer', minimum: 0, maximum: 4294967295, default: 1 },
          'seed of the permutation stream, for reproducible results',
        ),
        booleanParam('fdr', 'Benjamini–Hochberg false discovery rate control of the classes', true),
        ...filters,
      ],
      responses: {
        200: json(
          ref('AnyObject'),
          'method, and rows with code, value, gi_z, gi_p, gi_p_fdr, gi_class, moran_i, lisa_quadrant, lisa_p',
        ),
      },
    })
    .add('get', '/api/stats/emerging', {
      summary:
        'Emerging hot spots: Gi* per month or quarter, Mann–Kendall trend of each unit’s z-scores, and its category',
      description:
        'At least 4 and at most 120 steps; the period is widened to whole steps. `hot` is true for a hot spot ' +
        'and false for a cold spot significant at 90 %. Categories follow Esri’s emerging hot spot definitions ' +
        '(new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical hot or cold ' +
        'spot, no pattern); `low_counts` marks units whose neighbourhood counted under one incident per step. ' +
        'Callers without the incident-point permission get counts of 1–2 as null with `suppressed`.',
      parameters: queryParameters(emergingQuery),
      responses: { 200: json(ref('EmergingHotSpots')) },
    })
    .add('get', '/api/stats/classify', {
      summary: 'Classification breaks of a metric (upper bounds; the last is the maximum) and class counts',
      parameters: [
        level,
        metric,
        queryParameter(
          'method',
          { type: 'string', enum: ['quantile', 'equal', 'jenks', 'stddev', 'manual'], default: 'quantile' },
          'jenks: Fisher–Jenks exact optimal breaks',
        ),
        queryParameter('k', { type: 'integer', minimum: 2, maximum: 9, default: 5 }, 'number of classes'),
        queryParameter(
          'breaks',
          { type: 'string', maxLength: 1000 },
          'method=manual only: comma-separated, strictly ascending upper bounds (at most 20)',
        ),
        ...filters,
      ],
      responses: { 200: json(ref('AnyObject'), '{ breaks: [...], counts: [...] }') },
    })
    .add('get', '/api/stats/rates', {
      summary:
        'Incident rates per 1,000 residents per year, raw and Empirical-Bayes smoothed (Marshall 1991), small units flagged',
      parameters: [
        level,
        ...filters.filter((x) => ['from', 'to', 'categories', 'classes', 'commune'].includes(x.name)),
        queryParameter(
          'min_population',
          { type: 'integer', minimum: 0, maximum: 1000000 },
          'units below this population are flagged',
        ),
        queryParameter(
          'min_count',
          { type: 'integer', minimum: 0, maximum: 10000 },
          'units with fewer incidents are flagged',
        ),
      ],
      responses: { 200: json(ref('AnyObject')) },
    })
    .add('get', '/api/stats/standards', {
      summary: 'The standard sets of model types per area class (data, editable)',
      responses: { 200: json(ref('AnyObject'), '{ standards: [...] }') },
    })
    .add('get', '/api/stats/coverage', {
      summary: 'Village coverage against the standard set of each area class',
      parameters: [level, ...filters],
      responses: { 200: json(ref('AnyObject')) },
    })
    .add('get', '/api/priorities', {
      summary: 'Priority score 0–100 per unit, ranked, with the contribution of every component',
      description:
        'Weights are the w_* parameters (default shown); they are echoed in the response and must not all be zero. ' +
        'Every unit is scored and ranked among all the units of the caller’s scope (scope_units); the classes and ' +
        'commune filters only choose the rows returned (filter_units), each with its rank among them (filter_rank).',
      parameters: [
        level,
        queryParameter(
          'normalise',
          { type: 'string', enum: ['rank', 'minmax'], default: 'rank' },
          'how each component is scaled to 0–1',
        ),
        ...Object.entries(DEFAULT_PRIORITY_WEIGHTS).map(([k, w]) =>
          queryParameter(
            `w_${k}`,
            { type: 'number', minimum: 0, maximum: 1000, default: w },
            `weight of ${k}`,
          ),
        ),
        ...filters,
      ],
      responses: {
        200: json(
          ref('AnyObject'),
          'ranked rows with code, name, score, rank (in the scope), filter_rank (among the rows shown), contributions',
        ),
      },
    })
    .add('get', '/api/compare', {
      summary: 'Two periods side by side: counts, rates, rate ratio with an exact test, change class',
      description:
        'Period B defaults to the last 12 months of data, period A to the period of the same length before B; they must not overlap.',
      parameters: [
        level,
        ...['a_from', 'a_to', 'b_from', 'b_to'].map((n) =>
          queryParameter(
            n,
            { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
            `${n.startsWith('a') ? 'period A' : 'period B'}: ${n.endsWith('from') ? 'first' : 'last'} day (both ends or neither)`,
          ),
        ),
        ...filters.filter((x) => ['categories', 'classes', 'commune'].includes(x.name)),
        booleanParam('fdr', 'Benjamini–Hochberg control of the change classes', false),
      ],
      responses: {
        200: json(ref('AnyObject'), 'rows with counts, rates, rate_ratio, p_value, change_class'),
      },
    })

  p.group('Plans')
    .add('post', '/api/plans/optimize', {
      summary:
        'Where N new models (or a budget’s worth) cover the most demand: maximal covering, solved exactly',
      description: [
        'Chooses up to `count` new models of `model_type` (or floor(budget / unit cost)) among the villages of the area ' +
          '(`communes`, default the caller’s whole scope) so that the demand of the villages they newly cover is largest; ' +
          'existing active models of the type at the end of the period stay and their villages count as covered. ' +
          'Coverage follows the type’s rule: its village, its whole commune, or villages within `radius_m` ' +
          '(radius types only; default the type’s own radius). Demand: `population`, `incidents` in the period, or ' +
          '`need` (the need part of the priority score).',
        'Solved as an integer program by HiGHS in a worker thread within `time_limit_s` (status `optimal`, or ' +
          '`time_limit` with the best found and its `gap`), from the greedy answer, which is reported beside it ' +
          '(`greedy_objective`). The curve of covered demand for 1…N models has the greedy value of every k and the optimum of as many k as half of `time_limit_s` more allows.',
        '`objective` is the sum of `demand` over villages covered by the selected sites and not in `already_covered`. ' +
          '`selected` is numbered in order of marginal gain, each with `covers` and `only` (what no other chosen site ' +
          'covers). `include` / `exclude` lock villages in or out. Bad input (unknown type, count < 1, radius outside ' +
          '0–20,000 m, both or neither of count and budget, a locked village outside the area) → 400 naming the field.',
        'With `scenario=<id>` the plan starts from the records as the scenario would leave them.',
      ].join('\n\n'),
      parameters: scenario,
      body: jsonSchema(optimizeBody),
      responses: {
        200: json(
          ref('AnyObject'),
          '{ status, objective, gap, greedy_objective, solver, time_ms, selected, greedy, curve, demand, already_covered, coverage, before, after, parameters, method }',
        ),
      },
    })
    .add('post', '/api/plans/cover', {
      summary:
        'The fewest new models that bring a target set of villages (border, or all) to a covered share',
      description:
        'Set covering with a partial target, solved exactly by HiGHS (greedy beside it): at least ⌈share · target villages⌉ ' +
        'covered, existing coverage included. `status` is `infeasible` when even every allowed site cannot reach it ' +
        '(`target.reachable`). `scenario=<id>`: from the records as the scenario would leave them.',
      parameters: scenario,
      body: jsonSchema(coverBody),
      responses: {
        200: json(
          ref('AnyObject'),
          '{ status, models, greedy_models, gap, target, selected, before, after, parameters }',
        ),
      },
    })
    .add('post', '/api/plans/export', {
      summary:
        'The plan as XLSX: sites in order of gain (commune, village, type, cost, gain), KPIs, parameters',
      description:
        'The sites are locked in and evaluated again with the plan’s request, so the file holds figures the server ' +
        'computed. Needs the `export` permission as well. In the audit log.',
      body: jsonSchema(planExportBody),
      responses: {
        200: {
          description: 'the workbook',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: { type: 'string', format: 'binary' },
            },
          },
        },
      },
    })
    .add('get', '/api/plans/costs', {
      lenient: true,
      summary: 'Unit cost of each model type (VND), used to turn a budget into a number of models',
      parameters: scenario,
      responses: {
        200: json(
          ref('AnyObject'),
          '{ costs: [{ type_code, name_vi, name_en, unit_cost_vnd, updated_by, updated_at }] }',
        ),
      },
    })
    .add('patch', '/api/plans/costs/{type}', {
      summary: 'Set the unit cost of a model type (audited)',
      parameters: [
        pathParameter('type', { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' }, 'model type code'),
      ],
      body: jsonSchema(costBody),
      responses: { 200: json(ref('AnyObject'), '{ cost }') },
    })

  p.group('Scenarios')
    .add('get', '/api/scenarios', {
      lenient: true,
      summary: 'What-if scenarios the caller may open: their own and those shared by other planners',
      responses: {
        200: json(
          ref('AnyObject'),
          '{ scenarios: [{ id, name, description, shared, owner, changes, from_plan, created_at, updated_at }] }',
        ),
      },
    })
    .add('post', '/api/scenarios', {
      summary: 'Save a scenario: named changes to the records that are never written to them (audited)',
      description: [
        'A change is one of: `add_model` (a new active model of `model_type` at `village_code`, at the village point), ' +
          '`dissolve_model` (`model_id`), `evaluate_model` (`model_id` evaluated with `rating_code`), `set_cost` ' +
          '(`unit_cost_vnd` of `model_type`, for plans). `from_plan` adds a model of the plan’s type at each of its ' +
          'sites. At most 500 changes.',
        'Changes take effect on the last date of the data, so they show in every period that ends on or after it ' +
          '(the default period). Every change is checked against the records in the caller’s scope before it is ' +
          'saved: a village of a commune outside the scope → 403, a model the caller cannot see → 404, an unknown ' +
          'code → 400, each naming the change (`changes[i].field`).',
        'Metrics, priorities, statistics, unit detail, the model layer and plans take `scenario=<id>` and compute ' +
          'as if the changes were made, in a savepoint of the request’s transaction that is always rolled back.',
      ].join('\n\n'),
      body: jsonSchema(newScenario),
      responses: { 201: json(ref('AnyObject'), '{ scenario }') },
    })
    .add('get', '/api/scenarios/{id}', {
      lenient: true,
      summary: 'One scenario (own or shared; any other is 404)',
      parameters: [id],
      responses: { 200: json(ref('AnyObject'), '{ scenario }') },
    })
    .add('patch', '/api/scenarios/{id}', {
      summary: 'Rename, share or change a scenario (its owner only; audited)',
      description: '`changes` replaces the list and is checked as on creation.',
      parameters: [id],
      body: jsonSchema(scenarioPatch),
      responses: { 200: json(ref('AnyObject'), '{ scenario }') },
    })
    .add('delete', '/api/scenarios/{id}', {
      lenient: true,
      summary: 'Delete a scenario (its owner only; audited)',
      parameters: [id],
      responses: { 200: json(ref('AnyObject'), '{ ok: true }') },
    })

  p.group('Vector tiles')
    .add('get', '/tiles', {
      summary: 'The tile layers: geometry, zoom range, fields, URLs',
      responses: { 200: json(ref('AnyObject')) },
    })
    .add('get', '/tiles/{layer}.json', {
      summary: 'TileJSON 3.0.0 of a layer',
      parameters: [tileLayer, ...incidentTileFilters],
      responses: { 200: json(ref('TileJSON')) },
    })
    .add('get', '/tiles/{layer}/{z}/{x}/{y}.mvt', {
      summary: 'A Mapbox Vector Tile; its MVT layer has the name of the tile layer',
      description:
        'ETag with If-None-Match → 304; Cache-Control; gzip when accepted. Coordinates out of range or malformed → 400.',
      parameters: [
        tileLayer,
        pathParameter('z', { type: 'integer', minimum: 0, maximum: 16 }, "zoom, within the layer's range"),
        pathParameter('x', { type: 'integer', minimum: 0 }, 'column, 0 … 2^z − 1'),
        pathParameter('y', { type: 'integer', minimum: 0 }, 'row, 0 … 2^z − 1 (the path ends in .mvt)'),
        ...incidentTileFilters,
      ],
      responses: {
        200: {
          description: 'the tile',
          content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } },
        },
        204: { description: 'empty tile' },
        304: { description: 'not modified (If-None-Match matched the ETag)' },
      },
    })

  p.group('Views and decks')
    .add('get', '/api/views', {
      lenient: true,
      summary: 'Saved map views',
      responses: { 200: json(ref('AnyObject'), '{ views: [...] }') },
    })
    .add('post', '/api/views', {
      summary: 'Save a view',
      body: viewBody(true),
      responses: { 201: json(ref('AnyObject'), '{ view }') },
    })
    .add('get', '/api/views/{id}', {
      lenient: true,
      summary: 'One saved view',
      parameters: [id],
      responses: { 200: json(ref('AnyObject'), '{ view }') },
    })
    .add('patch', '/api/views/{id}', {
      summary: 'Change a saved view',
      parameters: [id],
      body: viewBody(false),
      responses: { 200: json(ref('AnyObject'), '{ view }') },
    })
    .add('delete', '/api/views/{id}', {
      lenient: true,
      summary: 'Delete a saved view',
      parameters: [id],
      responses: { 200: json(ref('AnyObject'), '{ ok: true }') },
    })
    .add('post', '/api/views/{id}/duplicate', {
      lenient: true,
      summary: 'Copy a saved view',
      parameters: [id],
      responses: { 201: json(ref('AnyObject'), '{ view }') },
    })
    .add('get', '/api/decks', {
      lenient: true,
      summary: 'Slide decks of saved views',
      responses: { 200: json(ref('AnyObject'), '{ decks: [...] }') },
    })
    .add('post', '/api/decks', {
      summary: 'Create a deck',
      body: deckBody(true),
      responses: { 201: json(ref('AnyObject'), '{ deck }') },
    })
    .add('get', '/api/decks/{id}', {
      lenient: true,
      summary: 'One deck',
      parameters: [id],
      responses: { 200: json(ref('AnyObject'), '{ deck }') },
    })
    .add('patch', '/api/decks/{id}', {
      summary: 'Rename a deck or reorder its views',
      parameters: [id],
      body: deckBody(false),
      responses: { 200: json(ref('AnyObject'), '{ deck }') },
    })
    .add('delete', '/api/decks/{id}', {
      lenient: true,
      summary: 'Delete a deck',
      parameters: [id],
      responses: { 200: json(ref('AnyObject'), '{ ok: true }') },
    })

  const KINDS = [
    'models',
    'evaluations',
    'incidents',
    'outreach',
    'certifications',
    'funding',
    'villages',
    'boundaries',
  ]
  const importId = pathParameter('id', { type: 'string', format: 'uuid' }, 'import id')
  const recordId = pathParameter(
    'id',
    { type: 'string', minLength: 1, maxLength: 64 },
    'record key: letters, digits, - _ . /',
  )
  const lang = queryParameter(
    'lang',
    { type: 'string', enum: ['vi', 'en'], default: 'vi' },
    'language of the column headers',
  )
  const dateField = { type: 'string', format: 'date' }
  const codeField = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' }
  const communeField = { type: 'string', pattern: '^\\d{5}$' }
  const villageField = { type: ['string', 'null'], pattern: '^\\d{5}-\\d{3}$' }
  const lonLat = {
    lon: { type: ['number', 'null'], minimum: -180, maximum: 180 },
    lat: { type: ['number', 'null'], minimum: -90, maximum: 90 },
  }
  const modelFields = {
    name: { type: 'string', minLength: 1, maxLength: 300 },
    type_code: codeField,
    commune_code: communeField,
    village_code: villageField,
    lead_org_code: codeField,
    founded_on: dateField,
    members: { type: 'integer', minimum: 0, maximum: 100000 },
    equipment: { type: ['string', 'null'], maxLength: 1000 },
    exemplary: { type: 'boolean' },
    replicated_from: { type: ['string', 'null'] },
    ...lonLat,
  }
  p.group('Data management')
    .add('get', '/api/imports/templates/{file}', {
      summary: 'An XLSX template for an import kind, with the expected headers',
      parameters: [
        pathParameter('file', { type: 'string', enum: KINDS.map((k) => `${k}.xlsx`) }, '<kind>.xlsx'),
        lang,
      ],
      responses: {
        200: {
          description: 'the template',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: { type: 'string', format: 'binary' },
            },
          },
        },
      },
    })
    .add('get', '/api/imports', {
      summary: 'Recent imports (own; all for an administrator)',
      parameters: [
        queryParameter('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'most imports'),
      ],
      responses: { 200: json(ref('AnyObject'), '{ imports: [...] }') },
    })
    .add('post', '/api/imports', {
      summary:
        'Upload a file (XLSX, CSV, GeoJSON or zipped Shapefile) for a dry run: validation with row-level errors, nothing written',
      bodyType: 'multipart/form-data',
      body: objectWith(
        {
          file: { type: 'string', format: 'binary', description: 'at most 64 MiB (GeoJSON 32 MiB)' },
          kind: { type: 'string', enum: KINDS },
          crs: {
            type: 'string',
            maxLength: 60,
            description: 'source coordinate system, e.g. a VN-2000 zone, when the file does not say',
          },
          id: { type: 'string', format: 'uuid', description: 'replace the file of this dry run' },
        },
        ['file', 'kind'],
      ),
      responses: { 200: json(ref('AnyObject'), 'the dry-run report') },
      errors: [413],
    })
    .add('get', '/api/imports/{id}', {
      summary: 'An import report (or its progress while it runs)',
      parameters: [
        importId,
        queryParameter(
          'limit',
          { type: 'integer', minimum: 0, maximum: 10000, default: 1000 },
          'most row errors listed',
        ),
      ],
      responses: { 200: json(ref('AnyObject')) },
    })
    .add('post', '/api/imports/{id}/commit', {
      summary: 'Commit a dry run: all rows or none',
      description:
        '409 `expired` when the checked rows of the dry run were lost (the database restarted since): run the dry run again.',
      parameters: [importId],
      responses: { 200: json(ref('AnyObject')) },
      errors: [409],
    })
    .add('delete', '/api/imports/{id}', {
      summary: 'Discard a dry run',
      parameters: [importId],
      responses: { 200: json(ref('AnyObject'), '{ id, status: "discarded" }') },
    })
    .add('post', '/api/export/audit', {
      summary: 'Record a PNG or PDF map export made in the browser in the audit log',
      body: objectWith(
        {
          format: { type: 'string', enum: ['png', 'pdf'] },
          size: { type: 'string', pattern: '^[a-z0-9-]{1,40}$', description: 'e.g. a4-landscape-300' },
          title: { type: 'string', minLength: 1, maxLength: 300 },
          target: { type: 'string', enum: ['screen', 'view', 'deck'] },
          view_ids: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 200 },
          deck_id: { type: 'integer', minimum: 1, description: 'required when target is deck' },
          pages: { type: 'integer', minimum: 1, maximum: 200, description: '1 for a PNG' },
          period: objectWith(
            { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } },
            ['from', 'to'],
          ),
          layers: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9_]{1,40}$' }, maxItems: 40 },
        },
        ['format', 'size', 'title', 'target', 'pages'],
      ),
      responses: { 201: json(ref('AnyObject'), '{ ok: true }') },
    })
    .add('get', '/api/export/{file}', {
      summary: 'Records as XLSX, CSV or GeoJSON, in the shape the import reads',
      parameters: [
        pathParameter(
          'file',
          { type: 'string', pattern: `^(${KINDS.join('|')})\\.(xlsx|csv|geojson)$` },
          '<kind>.<format>; boundaries only as GeoJSON',
        ),
        lang,
        queryParameter(
          'commune',
          { type: 'string', maxLength: 2000 },
          'comma-separated commune codes (at most 200); default all in scope',
        ),
      ],
      responses: {
        200: {
          description: 'the file (attachment)',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
      },
    })
    .add('get', '/api/records/models/{id}', {
      lenient: true,
      summary: 'A security model with its status history and evaluations',
      parameters: [recordId],
      responses: { 200: json(ref('AnyObject'), '{ model, statuses, evaluations }') },
    })
    .add('post', '/api/records/models', {
      summary: 'Create a security model',
      body: objectWith({ id: { type: 'string' }, ...modelFields }, [
        'name',
        'type_code',
        'commune_code',
        'lead_org_code',
        'founded_on',
      ]),
      responses: { 201: json(ref('AnyObject'), '{ model }') },
      errors: [409],
    })
    .add('patch', '/api/records/models/{id}', {
      summary: 'Change a security model',
      parameters: [recordId],
      body: objectWith(modelFields),
      responses: { 200: json(ref('AnyObject'), '{ model }') },
    })
    .add('post', '/api/records/models/{id}/status', {
      summary: 'Change the status of a model from a date (dissolving needs a reason)',
      parameters: [recordId],
      body: objectWith(
        {
          status: { type: 'string', enum: ['active', 'weak', 'dissolved'] },
          on: dateField,
          reason: { type: 'string', maxLength: 1000 },
        },
        ['status', 'on'],
      ),
      responses: { 200: json(ref('AnyObject'), '{ model }') },
    })
    .add('post', '/api/records/evaluations', {
      summary: 'Record an evaluation of a model',
      body: objectWith(
        {
          id: { type: 'string' },
          model_id: { type: 'string' },
          evaluated_on: dateField,
          rating_code: codeField,
          evaluator: { type: ['string', 'null'], maxLength: 300 },
          note: { type: ['string', 'null'], maxLength: 2000 },
        },
        ['model_id', 'evaluated_on', 'rating_code'],
      ),
      responses: { 201: json(ref('AnyObject'), '{ evaluation }') },
      errors: [409],
    })
    .add('post', '/api/records/incidents', {
      summary: 'Record an incident',
      body: objectWith(
        {
          id: { type: 'string' },
          category_code: codeField,
          occurred_on: dateField,
          commune_code: communeField,
          village_code: villageField,
          severity: { type: 'integer', minimum: 1, maximum: 3 },
          precision: { type: 'string', enum: ['exact', 'approximate'] },
          lon: { type: 'number', minimum: -180, maximum: 180 },
          lat: { type: 'number', minimum: -90, maximum: 90 },
          summary: { type: ['string', 'null'], maxLength: 2000 },
        },
        ['category_code', 'occurred_on', 'commune_code', 'lon', 'lat'],
      ),
      responses: { 201: json(ref('AnyObject'), '{ incident }') },
      errors: [409],
    })
    .add('post', '/api/records/outreach', {
      summary: 'Record an outreach session',
      body: objectWith(
        {
          id: { type: 'string' },
          commune_code: communeField,
          village_code: villageField,
          held_on: dateField,
          topic: { type: 'string', minLength: 1, maxLength: 500 },
          lead_org_code: { type: ['string', 'null'] },
          attendees: { type: 'integer', minimum: 0, maximum: 1000000 },
        },
        ['commune_code', 'held_on', 'topic', 'attendees'],
      ),
      responses: { 201: json(ref('AnyObject'), '{ session }') },
      errors: [409],
    })

  const password = { type: 'string', minLength: 1, maxLength: 200 }
  const scope = {
    type: 'array',
    items: { type: 'string', pattern: '^\\d{5}$' },
    maxItems: 120,
    description: 'commune codes; empty = the whole province',
  }
  p.group('Alerts')
    .add('get', '/api/alerts', {
      summary: "The caller's notifications in scope, newest first, with the unread count",
      description:
        "Episodes of the rules that name the caller's role or user name, for units in the caller's scope. " +
        'Each has unit_code, rule_id, message (in `lang`), figures, fired_at, cleared_at (null while the ' +
        'condition holds), read, and the map layer that shows it. Incident counts of 1–2 are null for ' +
        'aggregate-only roles.',
      parameters: queryParameters(alertsQuery),
      responses: { 200: json(ref('AnyObject'), '{ unread, alerts: [...] }') },
    })
    .add('post', '/api/alerts/read', {
      lenient: true,
      summary: "Mark all the caller's notifications read",
      responses: { 200: json(ref('AnyObject'), '{ marked }') },
    })
    .add('post', '/api/alerts/{id}/read', {
      lenient: true,
      summary: 'Mark one notification read',
      parameters: [id],
      responses: { 200: json(ref('AnyObject'), '{ id, read: true }') },
    })
    .add('post', '/api/alerts/evaluate', {
      lenient: true,
      summary: 'Evaluate every enabled rule now (administrators)',
      description: 'Answers how many episodes opened (fired) and closed (cleared); every fire is audited.',
      responses: { 200: json(ref('AnyObject'), '{ fired, cleared, as_of }') },
    })
    .add('get', '/api/alerts/rules', {
      lenient: true,
      summary: 'Alert rules',
      responses: { 200: json(ref('AnyObject'), '{ rules: [...] }') },
    })
    .add('post', '/api/alerts/rules', {
      summary: 'Make an alert rule',
      description: `threshold by condition: ${Object.entries(CONDITION_THRESHOLD)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
      body: jsonSchema(newRule),
      responses: { 201: json(ref('AnyObject'), '{ rule }') },
    })
    .add('patch', '/api/alerts/rules/{id}', {
      summary: 'Change an alert rule',
      parameters: [id],
      body: jsonSchema(rulePatch),
      responses: { 200: json(ref('AnyObject'), '{ rule }') },
    })
    .add('delete', '/api/alerts/rules/{id}', {
      lenient: true,
      summary: 'Delete an alert rule and its episodes',
      parameters: [id],
      responses: { 204: { description: 'deleted' } },
    })

  p.group('Accounts')
    .add('post', '/api/auth/login', {
      summary: 'Sign in: sets the session cookie and returns the CSRF token',
      body: objectWith({ username: { type: 'string', minLength: 1, maxLength: 40 }, password }, [
        'username',
        'password',
      ]),
      responses: { 200: json(ref('AnyObject'), '{ user, csrf_token, expires_at }') },
      errors: [401, 429],
    })
    .add('post', '/api/auth/logout', {
      lenient: true,
      summary: 'Sign out (revokes the session)',
      responses: { 200: json(ref('AnyObject'), '{ ok: true }') },
    })
    .add('get', '/api/auth/me', {
      lenient: true,
      summary: 'The signed-in user, role, permissions and scope',
      responses: { 200: json(ref('AnyObject')) },
    })
    .add('post', '/api/auth/password', {
      summary: 'Change the own password (signs out every session)',
      body: objectWith({ current_password: password, new_password: password }, [
        'current_password',
        'new_password',
      ]),
      responses: { 200: json(ref('AnyObject'), '{ ok: true, signed_out: true }') },
    })
    .add('get', '/api/users', {
      lenient: true,
      summary: 'Accounts',
      responses: { 200: json(ref('AnyObject'), '{ users: [...] }') },
    })
    .add('post', '/api/users', {
      summary: 'Create an account',
      body: objectWith(
        {
          username: { type: 'string', pattern: '^[a-z0-9_.-]{3,40}$' },
          display_name: { type: 'string', minLength: 1, maxLength: 100 },
          role: { type: 'string', description: 'role code (`GET /api/roles`)' },
          password,
          scope: { ...scope, default: [] },
        },
        ['username', 'display_name', 'role', 'password'],
      ),
      responses: { 201: json(ref('AnyObject'), '{ user }') },
      errors: [409],
    })
    .add('patch', '/api/users/{id}', {
      summary: 'Change an account: name, role, scope, disabled, password',
      parameters: [id],
      body: objectWith({
        display_name: { type: 'string', minLength: 1, maxLength: 100 },
        role: { type: 'string' },
        scope,
        disabled: { type: 'boolean' },
        password,
      }),
      responses: { 200: json(ref('AnyObject'), '{ user }') },
    })
    .add('get', '/api/roles', {
      lenient: true,
      summary: 'Roles with their permissions',
      responses: { 200: json(ref('AnyObject'), '{ roles, permissions }') },
    })
    .add('get', '/api/audit', {
      summary: 'The audit log, newest first',
      parameters: [
        queryParameter('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 200 }, 'most entries'),
        queryParameter('action', { type: 'string', pattern: '^[a-z_]{2,40}$' }, 'only this action'),
        queryParameter('user', { type: 'string', maxLength: 40 }, 'only this user name'),
        queryParameter('before_id', { type: 'integer', minimum: 1 }, 'entries older than this id (paging)'),
      ],
      responses: { 200: json(ref('AnyObject'), '{ entries: [...] }') },
    })
  return p.paths
}

let built: OpenApiDocument | undefined

/** The document, built once: it depends on code only, not on data. */
export function openApiDocument(): OpenApiDocument {
  built ??= {
    openapi: '3.1.0',
    info: {
      title: 'ANTT Atlas API',
      version: '0.1.0',
      description: [
        'Community-security coverage and incidents in one province (the area the server was seeded for, see `/api/health` area): units, metrics, layers, statistics, vector tiles.',
        'Every query parameter is validated; unknown parameters are errors. Every error is JSON `{ "error": { "code", "message", "details": [{ "field", "problem" }] } }` with a 4xx status for bad input (400, 404 for an unknown resource, 414 for a query string over ' +
          `${MAX_QUERY_LENGTH} characters) and never a stack trace.`,
        'Dates are YYYY-MM-DD; periods include both ends; the default period is the last 12 months of data (`/api/meta` default_period). GeoJSON coordinates are WGS 84 with 6 decimals.',
        'Sign in with `POST /api/auth/login`; the session cookie then authorises requests, and state-changing requests also carry the `X-CSRF-Token` header. Each operation names the permission it needs; rows are limited to the caller’s commune scope.',
        'The records are demo data (Dữ liệu minh họa) unless `/api/meta` says otherwise.',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Service', description: 'health, this document, metadata and taxonomies' },
      { name: 'Units and metrics', description: 'communes and villages, their metrics and detail, search' },
      { name: 'Layers', description: 'GeoJSON layers' },
      { name: 'Incidents', description: 'incident points and density' },
      {
        name: 'Statistics',
        description: 'contiguity, hot spots, classification, rates, coverage, priorities, comparison',
      },
      { name: 'Plans', description: 'placement of new models: maximal covering, set covering, unit costs' },
      {
        name: 'Scenarios',
        description:
          'what-if scenarios: changes to the records, never stored, that figures can be computed under',
      },
      { name: 'Vector tiles', description: 'Mapbox Vector Tiles and TileJSON' },
      { name: 'Views and decks', description: 'saved map views and slide decks' },
      { name: 'Data management', description: 'import with dry run and commit, record forms, export' },
      { name: 'Alerts', description: 'alert rules, evaluation, notifications' },
      { name: 'Accounts', description: 'sign-in, users, roles, audit log' },
    ],
    paths: paths(),
    components: {
      schemas: SCHEMAS,
      responses: COMMON_RESPONSES,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'set by POST /api/auth/login',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'csrf_token from the login answer; needed on POST, PATCH, DELETE',
        },
      },
    },
  }
  return built
}
