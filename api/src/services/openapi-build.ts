// Building blocks of the OpenAPI 3.1 document: parameters from zod schemas, shared components, and a small
// builder that adds one operation with its permission and the standard error responses.
import { z } from 'zod'
import { ruleFor } from '../auth/permissions.ts'
import { MAX_QUERY_LENGTH } from '../http/validate.ts'

export type JsonSchema = Record<string, unknown>

export interface Parameter {
  name: string
  in: 'query' | 'path'
  required: boolean
  description?: string
  schema: JsonSchema
}

export interface Operation {
  tags: string[]
  summary: string
  description?: string
  operationId: string
  parameters?: Parameter[]
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> }
  responses: Record<string, unknown>
  security?: Record<string, string[]>[]
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
export const PARAMETER_DOCS: Record<string, string> = {
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
}

const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'

/** A zod schema as JSON Schema (the accepted input), without the `$schema` header. */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema
  return rest
}

function tidy(schema: JsonSchema): JsonSchema {
  const out = { ...schema }
  delete out.description
  if (out.pattern === ISO_DATE_PATTERN) out.format = 'date'
  return out
}

/** Query parameters of a strict zod object, with their types, enums, bounds and defaults. */
export function queryParameters(schema: z.ZodObject, overrides: Record<string, string> = {}): Parameter[] {
  const js = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(js.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query' as const,
    required: js.required?.includes(name) ?? false,
    description: overrides[name] ?? (prop.description as string | undefined) ?? PARAMETER_DOCS[name],
    schema: tidy(prop),
  }))
}

export const queryParameter = (
  name: string,
  schema: JsonSchema,
  description: string,
  required = false,
): Parameter => ({
  name,
  in: 'query',
  required,
  description,
  schema,
})

export const pathParameter = (name: string, schema: JsonSchema, description: string): Parameter => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
})

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: {
          type: 'string',
          description: 'machine-readable: invalid_parameter, not_found, query_too_long, …',
        },
        message: { type: 'string', description: 'human-readable, in English' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['problem'],
            properties: {
              field: {
                type: 'string',
                description: 'the parameter or body field at fault (with an index, e.g. categories.0)',
              },
              problem: { type: 'string' },
              problem_vi: {
                type: 'string',
                description:
                  'the problem in Vietnamese, for the problems the interface shows as they are (imports)',
              },
            },
          },
        },
      },
    },
  },
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

export const COMMON_RESPONSES = {
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

export const json = (schema: JsonSchema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
})

export const geojson = (schema: JsonSchema, description = 'GeoJSON FeatureCollection (RFC 7946)') => ({
  description,
  content: { 'application/geo+json': { schema } },
})

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

export interface OperationSpec {
  summary: string
  description?: string
  parameters?: Parameter[]
  body?: JsonSchema
  /** media type of the body; default application/json */
  bodyType?: string
  /** the 2xx (and 3xx) responses; error responses are added */
  responses: Record<string, unknown>
  /** extra error statuses besides the defaults */
  errors?: number[]
  /** the route does not validate its query string (unknown parameters are ignored, not refused) */
  lenient?: boolean
}

const ERROR_REFS: Record<number, string> = {
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

/** Collects operations into `paths`, each with its permission (from the route rules) and error responses. */
export class PathBuilder {
  readonly paths: Record<string, Record<string, Operation>> = {}

  constructor(private tag: string) {}

  group(tag: string): this {
    this.tag = tag
    return this
  }

  add(method: 'get' | 'post' | 'patch' | 'delete', path: string, spec: OperationSpec): this {
    const need = ruleFor(method.toUpperCase(), path) ?? 'none (refused)'
    const isPublic = need === 'public'
    const statuses = new Set([500, 503, ...(isPublic ? [] : [401, 403]), ...(spec.errors ?? [])])
    if (!spec.lenient || spec.body || spec.parameters?.length) statuses.add(400)
    if (method === 'get' && !spec.lenient) statuses.add(414)
    if (spec.parameters?.some((p) => p.in === 'path')) statuses.add(404)
    const responses: Record<string, unknown> = { ...spec.responses }
    for (const s of [...statuses].sort())
      responses[String(s)] ??= { $ref: `#/components/responses/${ERROR_REFS[s]}` }
    const permissionNote = isPublic
      ? 'Public: no sign-in needed.'
      : need === 'authenticated'
        ? 'Needs a signed-in session.'
        : `Needs the permission \`${need}\`.`
    this.paths[path] ??= {}
    this.paths[path][method] = {
      tags: [this.tag],
      summary: spec.summary,
      description: [spec.description, permissionNote].filter(Boolean).join('\n\n'),
      operationId: `${method}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      ...(spec.parameters?.length ? { parameters: spec.parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { [spec.bodyType ?? 'application/json']: { schema: spec.body } },
            },
          }
        : {}),
      responses,
      security: isPublic ? [] : method === 'get' ? [{ session: [] }] : [{ session: [], csrf: [] }],
      'x-permission': need,
    }
    return this
  }
}
