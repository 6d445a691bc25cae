import { Hono } from 'hono'
import type { RouterRoute } from 'hono/types'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { query } from '../http/validate.ts'
import { renderApiReference } from '../services/api-reference-html.ts'
import { type OpenApiDocument, openApiDocument } from '../services/openapi-doc.ts'

const noParameters = z.object({}).strict()

/**
 * The OpenAPI 3.1 document of the app's routes and the API reference page rendered from it (both public, both
 * static). `routesOf` gives the routes of the whole app, read once at the first request.
 */
export function openapi(routesOf: () => RouterRoute[]) {
  let doc: OpenApiDocument | undefined
  let page: string | undefined
  const document = () => {
    doc ??= openApiDocument(routesOf())
    return doc
  }
  return new Hono<AppEnv>()
    .get(
      '/openapi.json',
      describeRoute({
        tag: 'Service',
        summary: 'This OpenAPI 3.1 document',
        responses: { 200: jsonAnswer({ $ref: '#/components/schemas/OpenApi' }) },
      }),
      query(noParameters),
      (c) => c.json(document()),
    )
    .get(
      '/docs',
      describeRoute({
        tag: 'Service',
        summary: 'API reference page (HTML, self-contained)',
        responses: {
          200: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
        },
      }),
      query(noParameters),
      (c) => {
        page ??= renderApiReference(document())
        return c.html(page)
      },
    )
}
