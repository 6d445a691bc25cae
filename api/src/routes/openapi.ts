import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { query } from '../http/validate.ts'
import { renderApiReference } from '../services/api-reference-html.ts'
import { openApiDocument } from '../services/openapi-doc.ts'

const noParameters = z.object({}).strict()
let page: string | undefined

/** The OpenAPI 3.1 document and the API reference page rendered from it (both public, both static). */
export const openapi = new Hono<AppEnv>()
  .get('/openapi.json', query(noParameters), (c) => c.json(openApiDocument()))
  .get('/docs', query(noParameters), (c) => {
    page ??= renderApiReference(openApiDocument())
    return c.html(page)
  })
