// What a route says about itself for the API description (/api/openapi.json): a `describeRoute(…)` middleware
// placed beside the route's validators. The document is generated from the app's routes (services/openapi-doc.ts):
// the parameters and bodies from the validators, the responses from the contract schemas named here.
import type { MiddlewareHandler } from 'hono'
import type { z } from 'zod'

export type JsonSchema = Record<string, unknown>

export interface Parameter {
  name: string
  in: 'query' | 'path'
  required: boolean
  description?: string
  schema: JsonSchema
}

/** A response: JSON or GeoJSON from a contract schema, or any other media type from a JSON Schema. */
export interface ResponseSpec {
  description: string
  content?: Record<string, { schema: z.ZodType | JsonSchema }>
}

export const TAGS = {
  Service: 'health, this document, metadata and taxonomies',
  'Units and metrics': 'communes and villages, their metrics and detail, search',
  Layers: 'GeoJSON layers',
  Incidents: 'incident points and density',
  Statistics: 'contiguity, hot spots, classification, rates, coverage, priorities, comparison',
  Plans: 'placement of new models: maximal covering, set covering, unit costs',
  Scenarios: 'what-if scenarios: changes to the records, never stored, that figures can be computed under',
  'Vector tiles': 'Mapbox Vector Tiles and TileJSON',
  'Views and decks': 'saved map views and slide decks',
  'Data management': 'import with dry run and commit, record forms, export',
  Alerts: 'alert rules, evaluation, notifications',
  Accounts: 'sign-in, users, roles, audit log',
} as const

export interface RouteDoc {
  tag: keyof typeof TAGS
  summary: string
  description?: string
  /** the 2xx (and 3xx, 503) responses; the error responses are added */
  responses: Record<number, ResponseSpec>
  /** error statuses besides those that follow from the route (400, 401, 403, 404, 414, 500, 503) */
  errors?: number[]
  /** parameters read without a validator */
  parameters?: Parameter[]
  /** a body read without a JSON validator (multipart uploads) */
  body?: { type: string; schema: JsonSchema }
  /** what follows the route's path in the document (the tile route takes `{y}.mvt` as one segment) */
  pathSuffix?: string
}

/** What a validator or a middleware contributes to the description. */
export type Described =
  | { kind: 'route'; doc: RouteDoc }
  | { kind: 'query' | 'json' | 'param'; schema: z.ZodType }
  | { kind: 'parameters'; parameters: Parameter[] }

const described = new WeakMap<object, Described>()

/** Marks a handler (a validator or a middleware) with what it tells the description. */
export function describe<H extends object>(handler: H, what: Described): H {
  described.set(handler, what)
  return handler
}

export const descriptionOf = (handler: object): Described | undefined => described.get(handler)

/** The route's summary, description and responses; a middleware that only passes the request on. */
export function describeRoute(doc: RouteDoc): MiddlewareHandler {
  return describe<MiddlewareHandler>((_c, next) => next(), { kind: 'route', doc })
}

export const jsonAnswer = (schema: z.ZodType | JsonSchema, description = 'OK'): ResponseSpec => ({
  description,
  content: { 'application/json': { schema } },
})

export const geojsonAnswer = (
  schema: z.ZodType | JsonSchema,
  description = 'GeoJSON FeatureCollection (RFC 7946)',
): ResponseSpec => ({ description, content: { 'application/geo+json': { schema } } })

export const binary = (type: string, description: string): ResponseSpec => ({
  description,
  content: { [type]: { schema: { type: 'string', format: 'binary' } } },
})

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const queryParameter = (
  name: string,
  schema: JsonSchema,
  description: string,
  required = false,
): Parameter => ({ name, in: 'query', required, description, schema })

export const pathParameter = (name: string, schema: JsonSchema, description: string): Parameter => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
})

/**
 * The describeRoute of one resource's routes, its tag written once: `const doc = describeTag('Alerts')`, then
 * `doc('Summary', { 200: … })` beside each route, with any other part of its description last.
 */
export const describeTag =
  (tag: RouteDoc['tag']) =>
  (
    summary: string,
    responses: RouteDoc['responses'],
    more: Omit<RouteDoc, 'tag' | 'summary' | 'responses'> = {},
  ) =>
    describeRoute({ tag, summary, responses, ...more })
