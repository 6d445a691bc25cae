import { METRIC_NAMES } from '@antt/contract'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { openApiPath } from '../services/openapi-doc.ts'
import { backends, getJson, useApp } from '../testing.ts'
import { TILE_LAYERS } from '../tiles/layers.ts'
import { KNOWN_PATH, KNOWN_QUERY } from './fuzz-requests.ts'

/** The tile route takes `{y}.mvt` as one path segment; the document spells the suffix out. */
const routeOf = (documented: string) => documented.replace(/\{y\}\.mvt$/, '{y}')

type Schema = Record<string, any>

/** A value the parameter accepts, to check that documented parameters are not refused as unknown. */
function sample(name: string, s: Schema): string {
  if (KNOWN_QUERY[name]) return KNOWN_QUERY[name]
  if (s.format === 'date')
    return name.startsWith('a_') ? '2024-01-01' : name.endsWith('to') ? '2025-12-31' : '2025-07-01'
  if (Array.isArray(s.enum)) return String(s.default ?? s.enum[0])
  if (s.type === 'integer' || s.type === 'number') return String(s.minimum ?? s.default ?? 1)
  if (s.default !== undefined) return String(s.default)
  throw new Error(`no sample value for parameter ${name}`)
}

describe('the OpenAPI document', () => {
  const app = createApp({} as never) // the document and the page need no database

  it('is OpenAPI 3.1 and describes every route of the app, and nothing else', async () => {
    const { status, body: doc } = await getJson(app, '/api/openapi.json')
    expect(status).toBe(200)
    expect(doc.openapi).toBe('3.1.0')
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`),
    )
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m} ${routeOf(path)}`),
      ),
    )
    const undocumented = [...routes].filter((r) => !documented.has(r))
    expect(undocumented, 'routes of the app missing from the document').toEqual([])
    expect(
      [...documented].filter((d) => !routes.has(d)),
      'documented routes the app does not have',
    ).toEqual([])
  })

  it('describes every successful JSON answer by its schema (named, or an object of named parts), never as a free-form object', async () => {
    const { body: doc } = await getJson(app, '/api/openapi.json')
    const freeForm: string[] = []
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: object }>>,
    ))
      for (const [method, op] of Object.entries(ops))
        for (const [code, res] of Object.entries(op.responses as Record<string, { content?: object }>)) {
          const schema = (
            res.content as Record<string, { schema?: { $ref?: string; properties?: object } }> | undefined
          )?.['application/json']?.schema
          const described =
            schema?.$ref?.startsWith('#/components/schemas/') ||
            Object.keys(schema?.properties ?? {}).length > 0
          if (code.startsWith('2') && schema && !described) freeForm.push(`${method} ${path} ${code}`)
        }
    expect(freeForm).toEqual([])
    expect(doc.components.schemas).not.toHaveProperty('AnyObject')
  })

  it('enumerates the tile layers and the metrics from their registries', async () => {
    const doc = (await getJson(app, '/api/openapi.json')).body
    const layer = doc.paths['/tiles/{layer}.json'].get.parameters.find((p: any) => p.name === 'layer')
    expect(layer.schema.enum).toEqual([...TILE_LAYERS.keys()])
    const metric = doc.paths['/api/stats/hotspots'].get.parameters.find((p: any) => p.name === 'metric')
    expect(metric.schema.enum).toEqual([...METRIC_NAMES])
    expect(Object.keys(doc.components.schemas.MetricsRow.properties)).toEqual(
      expect.arrayContaining([...METRIC_NAMES]),
    )
  })

  it('resolves every $ref and gives every operation an error response in the common schema', async () => {
    const doc = (await getJson(app, '/api/openapi.json')).body
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? []
    for (const r of new Set(refs)) {
      const [, , section, name] = r.slice(8, -1).split('/')
      expect(doc.components[section]?.[name], r).toBeDefined()
    }
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>))
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses['500'], `${method} ${path}`).toEqual({
          $ref: '#/components/responses/ServerError',
        })
        expect(op['x-permission'], `${method} ${path}`).toBeTruthy()
        for (const p of op.parameters ?? [])
          expect(p.schema, `${method} ${path} ${p.name}`).toBeTypeOf('object')
      }
    expect(doc.components.schemas.Error.properties.error.properties.details.items.properties).toHaveProperty(
      'field',
    )
  })

  it('serves a self-contained HTML reference listing every path', async () => {
    const res = await app.request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    const doc = (await getJson(app, '/api/openapi.json')).body
    for (const path of Object.keys(doc.paths)) expect(html).toContain(path.replaceAll('&', '&amp;'))
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=|https?:\/\//i)
  })
})

describe.each(backends())('documented parameters on the %s database', (backend) => {
  const ctx = useApp(backend)

  // One request per operation with every documented query parameter: the strict validators report unknown
  // parameters even when other checks fail, so a documented but unaccepted parameter shows up here.
  it('are all accepted by their endpoint', async () => {
    const doc = (await getJson(ctx.app, '/api/openapi.json')).body
    const refused: string[] = []
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const params: { name: string; in: string; schema: Schema }[] = ops.get?.parameters ?? []
      const query = params.filter((p) => p.in === 'query')
      if (!query.length) continue
      const concrete = path.replace(/\{(\w+)\}/g, (_, n: string) => KNOWN_PATH[n])
      const search = new URLSearchParams(
        query.map((p): [string, string] => [p.name, sample(p.name, p.schema)]),
      )
      // a file (an export, a tile) is an answer too: only a refusal is read
      const res = await ctx.app.request(`${concrete}?${search}`)
      if (res.status === 400)
        for (const d of ((await res.json()) as any).error.details)
          if (d.problem === 'unknown parameter') refused.push(`${path}: ${d.field}`)
    }
    expect(refused).toEqual([])
  })
})
