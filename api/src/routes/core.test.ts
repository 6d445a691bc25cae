import { describe, expect, it } from 'vitest'
import { backends, getJson, useApp } from '../testing.ts'

describe.each(backends())('core endpoints on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('reports health with the database kind, PostGIS version and demo flag', async () => {
    const { status, body } = await getJson(ctx.app, '/api/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', database: backend, demo: true, communes: 99 })
    expect(body.postgis).toMatch(/^3\.\d+/)
  })

  it('returns the 99 communes as GeoJSON with the documented properties', async () => {
    const { status, headers, body } = await getJson(ctx.app, '/api/units?level=commune')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toContain('geo+json')
    expect(body.features).toHaveLength(99)
    const laoCai = body.features.find((f: any) => f.properties.code === '02647')
    expect(laoCai.properties).toMatchObject({ name: 'Lào Cai', type: 'phuong', is_border: true })
    expect(laoCai.properties.population).toBeGreaterThan(0)
    expect(laoCai.geometry.type).toMatch(/Polygon/)
  })

  it('returns villages with their commune code, province and 2008 communes', async () => {
    const villages = await getJson(
      ctx.app,
      '/api/units?level=village&properties=code,commune_code&geometry=point',
    )
    expect(villages.body.features.length).toBeGreaterThan(1500)
    expect(villages.body.features[0].properties.commune_code).toMatch(/^\d{5}$/)
    expect(villages.body.features[0].geometry.type).toBe('Point')
    expect((await getJson(ctx.app, '/api/units?level=province')).body.features).toHaveLength(1)
    expect((await getJson(ctx.app, '/api/units?level=commune_2008')).body.features).toHaveLength(164)
  })

  it('rounds coordinates to 6 decimals and simplifies on request', async () => {
    const full = await ctx.app.request('/api/units?level=commune&properties=code')
    const simple = await ctx.app.request('/api/units?level=commune&properties=code&simplify=0.01')
    const fullText = await full.text()
    expect(fullText).not.toMatch(/\d\.\d{7,}/)
    expect((await simple.text()).length).toBeLessThan(fullText.length / 2)
  })

  it('rejects an unknown level with a JSON error naming the field', async () => {
    const { status, body } = await getJson(ctx.app, '/api/units?level=district')
    expect(status).toBe(400)
    expect(body.error.details[0].field).toBe('level')
  })

  it('answers unknown routes with a JSON 404', async () => {
    const { status, body } = await getJson(ctx.app, '/api/no-such-thing')
    expect(status).toBe(404)
    expect(body.error.code).toBe('not_found')
  })
})
