// The OpenAPI 3.1 description, generated from the app's routes: each route's `describeRoute(…)` (summary,
// description, responses), its validators (parameters and bodies, from the contract's zod schemas) and the
// permission table. Nothing here lists the endpoints; routes/openapi.test.ts checks that every route of the app
// is described and that every documented query parameter is accepted.
import { components } from '@antt/contract'
import type { RouterRoute } from 'hono/types'
import { z } from 'zod'
import { ruleFor } from '../auth/permissions.ts'
import { SESSION_COOKIE } from '../auth/sessions.ts'
import {
  descriptionOf,
  type JsonSchema,
  type Parameter,
  type ResponseSpec,
  type RouteDoc,
  TAGS,
} from '../http/describe.ts'
import { MAX_QUERY_LENGTH } from '../http/validate.ts'

export interface Operation {
  tags: string[]
  summary: string
  description: string
  operationId: string
  parameters?: Parameter[]
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> }
  responses: Record<string, unknown>
  security: Record<string, string[]>[]
  'x-permission': string
}

export interface OpenApiDocument {
  openapi: '3.1.0'
  info: Record<string, unknown>
  servers: { url: string }[]
  tags: { name: string; description: string }[]
  paths: Record<string, Record<string, Operation>>
  components: Record<string, Record<string, unknown>>
}

/** Descriptions of parameters shared by many endpoints, for schemas that do not carry their own. */
const PARAMETER_DOCS: Record<string, string> = {
  level: 'unit level',
  from: 'first day of the period (YYYY-MM-DD); default 12 months before `to`',
  to: 'last day of the period (YYYY-MM-DD); default the last date of the data',
  types: 'comma-separated model type codes (`/api/meta/taxonomies` model_types); default all types',
  statuses: 'comma-separated model statuses: active, weak, dissolved; default active',
  orgs: 'comma-separated lead organisation codes (taxonomy lead_orgs); default all',
  categories: 'comma-separated incident category codes (taxonomy incident_categories); default all',
  classes: 'comma-separated area class codes (taxonomy area_classes); units of any of them',
  commune: '5-digit commune code: only this commune (or its villages)',
  eval_months: 'required evaluation interval in months (default 6); an older last evaluation is overdue',
  metric: 'any metric of `/api/metrics`, incident_rate_eb (Empirical-Bayes smoothed rate) among them',
  id: 'numeric id',
}

const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'
const SCHEMA_REF = '#/components/schemas/'

/** A zod schema as JSON Schema without the `$schema` header; named contract schemas become references. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const id = components.get(schema)?.id
  if (id && io === 'output') return { $ref: `${SCHEMA_REF}${id}` }
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
  return rest
}

const asJsonSchema = (s: z.ZodType | JsonSchema, io: 'input' | 'output') =>
  s instanceof z.ZodType ? jsonSchema(s, io) : s

function tidy(schema: JsonSchema): JsonSchema {
  const out = { ...schema }
  delete out.description
  if (out.pattern === ISO_DATE_PATTERN) out.format = 'date'
  return out
}

/** Parameters of a zod object, with their types, enums, bounds and defaults. */
function parametersOf(schema: z.ZodType, where: 'query' | 'path'): Parameter[] {
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(js.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required?.includes(name) ?? false),
    description: (prop.description as string | undefined) ?? PARAMETER_DOCS[name],
    schema: tidy(prop),
  }))
}

/** The named contract schemas, without their `$id`s and without closing answers to added fields. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(components, {
    uri: (id) => `${SCHEMA_REF}${id}`,
    io: 'output',
    unrepresentable: 'any',
  })
  const open = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(open)
    if (!v || typeof v !== 'object') return v
    const o: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v))
      if (!(k === 'additionalProperties' && x === false) && k !== '$id' && k !== '$schema') o[k] = open(x)
    return o
  }
  return Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, open(s) as JsonSchema]))
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `${SCHEMA_REF}Error` } } },
})

const COMMON_RESPONSES = {
  BadRequest: errorResponse('invalid parameter or body; `details[0].field` names the field'),
  Unauthorized: errorResponse('not signed in (no or expired session cookie)'),
  Forbidden: errorResponse("the caller's role lacks the permission, or the CSRF header is missing"),
  NotFound: errorResponse('no such resource or route'),
  Conflict: errorResponse('the change conflicts with existing data'),
  PayloadTooLarge: errorResponse('request body too large'),
  UriTooLong: errorResponse(`query string longer than ${MAX_QUERY_LENGTH} characters`),
  TooManyRequests: errorResponse('too many attempts; try again later'),
  ServerError: errorResponse('unexpected error; no internals are disclosed'),
  ServiceUnavailable: errorResponse(
    'the database is unavailable or restarting (`database_unavailable`); retry after `Retry-After` seconds',
  ),
}

const ERROR_REFS: Record<number, keyof typeof COMMON_RESPONSES> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  414: 'UriTooLong',
  429: 'TooManyRequests',
  500: 'ServerError',
  503: 'ServiceUnavailable',
}

/** Hono route paths in OpenAPI form: `:code` → `{code}`, `:layer{[^/]+\.json}` → `{layer}.json`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)(\{([^}]*)\})?/g, (_, name: string, _re, pattern?: string) =>
    pattern?.endsWith('\\.json') ? `{${name}}.json` : `{${name}}`,
  )
}

const response = (r: ResponseSpec) => ({
  description: r.description,
  ...(r.content && {
    content: Object.fromEntries(
      Object.entries(r.content).map(([type, { schema }]) => [
        type,
        { schema: asJsonSchema(schema, 'output') },
      ]),
    ),
  }),
})

/** Parameters by name, the first of each name kept (a validator's before a middleware's). */
const unique = (ps: Parameter[]) =>
  [...new Map(ps.reverse().map((p) => [`${p.in} ${p.name}`, p])).values()].reverse()

function operation(method: string, path: string, handlers: object[]): Operation {
  let doc: RouteDoc | undefined
  const parameters: Parameter[] = []
  let body: { type: string; schema: JsonSchema } | undefined
  let validatesQuery = false
  for (const h of handlers) {
    const d = descriptionOf(h)
    if (!d) continue
    if (d.kind === 'route') doc = d.doc
    else if (d.kind === 'query') {
      validatesQuery = true
      parameters.push(...parametersOf(d.schema, 'query'))
    } else if (d.kind === 'param') parameters.push(...parametersOf(d.schema, 'path'))
    else if (d.kind === 'json') body = { type: 'application/json', schema: jsonSchema(d.schema, 'input') }
    else if (d.kind === 'parameters') parameters.push(...d.parameters)
  }
  if (!doc) throw new Error(`${method} ${path}: no describeRoute()`)
  parameters.push(...(doc.parameters ?? []))
  body ??= doc.body
  const params = unique(parameters)

  const concrete = path.replace(/\{\w+\}/g, '1')
  const need = ruleFor(method.toUpperCase(), concrete) ?? 'none (refused)'
  const isPublic = need === 'public'
  const statuses = new Set([500, 503, ...(isPublic ? [] : [401, 403]), ...(doc.errors ?? [])])
  if (validatesQuery || body || params.length) statuses.add(400)
  if (method === 'get' && validatesQuery) statuses.add(414)
  if (params.some((p) => p.in === 'path')) statuses.add(404)
  const responses: Record<string, unknown> = Object.fromEntries(
    Object.entries(doc.responses).map(([s, r]) => [s, response(r)]),
  )
  for (const s of [...statuses].sort())
    responses[String(s)] ??= { $ref: `#/components/responses/${ERROR_REFS[s]}` }
  const permissionNote = isPublic
    ? 'Public: no sign-in needed.'
    : need === 'authenticated'
      ? 'Needs a signed-in session.'
      : `Needs the permission \`${need}\`.`
  return {
    tags: [doc.tag],
    summary: doc.summary,
    description: [doc.description, permissionNote].filter(Boolean).join('\n\n'),
    operationId: `${method}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: { required: true, content: { [body.type]: { schema: body.schema } } } } : {}),
    responses,
    security: isPublic ? [] : method === 'get' ? [{ session: [] }] : [{ session: [], csrf: [] }],
    'x-permission': need,
  }
}

/** Every route of the app with its handlers, in registration order; middleware (`use`, ALL) left out. */
function operations(routes: RouterRoute[]): Record<string, Record<string, Operation>> {
  const byRoute = new Map<string, { method: string; path: string; handlers: object[] }>()
  for (const r of routes) {
    if (r.method === 'ALL') continue
    const key = `${r.method} ${r.path}`
    const entry = byRoute.get(key) ?? { method: r.method.toLowerCase(), path: r.path, handlers: [] }
    entry.handlers.push(r.handler)
    byRoute.set(key, entry)
  }
  const paths: Record<string, Record<string, Operation>> = {}
  for (const { method, path, handlers } of byRoute.values()) {
    const doc = handlers.map(descriptionOf).find((d) => d?.kind === 'route')
    const documented = openApiPath(path) + (doc?.kind === 'route' ? (doc.doc.pathSuffix ?? '') : '')
    paths[documented] ??= {}
    paths[documented][method] = operation(method, documented, handlers)
  }
  return paths
}

/** The document of an app's routes (it depends on code only, not on data). */
export function openApiDocument(routes: RouterRoute[]): OpenApiDocument {
  return {
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
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths: operations(routes),
    components: {
      schemas: {
        ...componentSchemas(),
        OpenApi: {
          type: 'object',
          description: 'this document',
          properties: { openapi: { const: '3.1.0' } },
        },
      },
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
}
