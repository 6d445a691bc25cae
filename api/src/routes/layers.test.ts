import { describe, expect, it } from 'vitest'
import { backends, getJson, useApp } from '../testing.ts'

const MODEL_PROPERTIES = [
  'id',
  'name',
  'type_code',
  'status',
  'lead_org_code',
  'commune_code',
  'village_code',
  'exemplary',
  'replicated_from',
  'founded_on',
  'last_rating',
  'last_evaluated_on',
  'evaluation_overdue',
  'radius_m',
]

describe.each(backends())('GeoJSON layers on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('returns the border line as lines with 6-decimal coordinates', async () => {
    const res = await ctx.app.request('/api/layers/border_line')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('geo+json')
    const text = await res.text()
    expect(text).not.toMatch(/\d\.\d{7,}/)
    const body = JSON.parse(text)
    expect(body.type).toBe('FeatureCollection')
    expect(body.features.length).toBeGreaterThan(0)
    expect(body.features[0].geometry.type).toMatch(/LineString/)
    expect(body.features[0].properties).toHaveProperty('source')
  })

  it('returns the border belt 1,000 m deep, smaller when simplified', async () => {
    const full = await ctx.app.request('/api/layers/border_belt')
    const fullText = await full.text()
    const belt = JSON.parse(fullText)
    expect(belt.features).toHaveLength(1)
    expect(belt.features[0].properties.depth_m).toBe(1000)
    expect(belt.features[0].properties.area_km2).toBeGreaterThan(0)
    expect(belt.features[0].geometry.type).toMatch(/Polygon/)
    const simple = await (await ctx.app.request('/api/layers/border_belt?simplify=0.005')).text()
    expect(simple.length).toBeLessThan(fullText.length)
  })

  it('filters border features by kind', async () => {
    const all = (await getJson(ctx.app, '/api/layers/border_features')).body
    const kinds = new Set(all.features.map((f: any) => f.properties.kind))
    expect(kinds.size).toBeGreaterThan(3)
    const gates = (await getJson(ctx.app, '/api/layers/border_features?kinds=gate_international,gate_main'))
      .body
    expect(gates.features.length).toBeGreaterThan(0)
    expect(gates.features.length).toBeLessThan(all.features.length)
    for (const f of gates.features) expect(['gate_international', 'gate_main']).toContain(f.properties.kind)
    expect(gates.features[0].geometry.type).toBe('Point')
  })

  it('returns security models as points with every documented property', async () => {
    const res = await ctx.app.request('/api/layers/models')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toMatch(/\d\.\d{7,}/)
    const body = JSON.parse(text)
    expect(body.features.length).toBeGreaterThan(1000)
    expect(body.count).toBe(body.features.length)
    expect(body.reference_date).toBe(body.period.to)
    expect(body.eval_months).toBe(6)
    for (const f of body.features.slice(0, 50)) {
      expect(Object.keys(f.properties).sort()).toEqual([...MODEL_PROPERTIES].sort())
      expect(f.geometry.type).toBe('Point')
    }
    const cameras = body.features.filter((f: any) => f.properties.type_code === 'camera_an_ninh')
    expect(cameras.length).toBeGreaterThan(0)
    for (const f of cameras) expect(f.properties.radius_m).toBe(500)
    for (const f of body.features) {
      if (f.properties.type_code !== 'camera_an_ninh') expect(f.properties.radius_m).toBeNull()
      if (f.properties.status === 'dissolved') expect(f.properties.evaluation_overdue).toBeNull()
      else expect(typeof f.properties.evaluation_overdue).toBe('boolean')
      expect(f.properties.founded_on <= body.reference_date).toBe(true)
    }
    const overdue = body.features.filter((f: any) => f.properties.evaluation_overdue === true)
    expect(overdue.length).toBeGreaterThan(0)
    expect(overdue.length).toBeLessThan(body.features.length)
  })

  it('marks a model overdue exactly when its last evaluation is older than eval_months', async () => {
    // the border communes: a fifth of the models, enough to meet every case
    const q = 'to=2026-03-31&statuses=active,weak&classes=border'
    const body = (await getJson(ctx.app, `/api/layers/models?${q}`)).body
    expect(body.features.length).toBeGreaterThan(100)
    // date − interval as PostgreSQL computes it: the day clamped to the end of a shorter month
    const monthsBefore = (d: string, m: number) => {
      const [y, mo, day] = d.split('-').map(Number)
      const lastDay = new Date(Date.UTC(y, mo - 1 - m + 1, 0)).getUTCDate()
      return new Date(Date.UTC(y, mo - 1 - m, Math.min(day, lastDay))).toISOString().slice(0, 10)
    }
    const due = monthsBefore('2026-03-31', 6)
    for (const f of body.features) {
      const p = f.properties
      const expected = !(p.founded_on > due || (p.last_evaluated_on !== null && p.last_evaluated_on > due))
      expect(p.evaluation_overdue, p.id).toBe(expected)
      if (p.last_evaluated_on) expect(p.last_evaluated_on <= '2026-03-31').toBe(true)
    }
    const stricter = (await getJson(ctx.app, `/api/layers/models?${q}&eval_months=3`)).body
    const count = (b: any) => b.features.filter((f: any) => f.properties.evaluation_overdue).length
    expect(count(stricter)).toBeGreaterThan(count(body))
  })

  it('agrees with the metrics on active and evaluation-compliant models per commune', async () => {
    for (const code of ['02647', '02701', '02788', '04252', '04663']) {
      const [row] = (await getJson(ctx.app, `/api/metrics?commune=${code}`)).body.rows
      const mine = (await getJson(ctx.app, `/api/layers/models?statuses=active&commune=${code}`)).body
        .features
      expect(mine.length, row.code).toBe(row.active_models)
      expect(mine.filter((f: any) => !f.properties.evaluation_overdue).length, row.code).toBe(
        row.compliant_models,
      )
    }
  })

  it('applies every model filter', async () => {
    const get = async (q: string) =>
      (await getJson(ctx.app, `/api/layers/models?${q}`)).body.features.map((f: any) => f.properties)
    const all = (await getJson(ctx.app, '/api/layers/models?classes=border,strategic,remote')).body.count
    const check = async (q: string, ok: (p: any) => boolean) => {
      const rows = await get(q)
      expect(rows.length, q).toBeGreaterThan(0)
      expect(rows.length, q).toBeLessThan(all)
      for (const p of rows) expect(ok(p), `${q}: ${p.id}`).toBe(true)
    }
    await check('classes=border,strategic,remote&types=camera_an_ninh,to_hoa_giai', (p) =>
      ['camera_an_ninh', 'to_hoa_giai'].includes(p.type_code),
    )
    await check('classes=border,strategic,remote&statuses=dissolved', (p) => p.status === 'dissolved')
    await check(
      'classes=border,strategic,remote&orgs=border_guard',
      (p) => p.lead_org_code === 'border_guard',
    )
    await check('commune=02647', (p) => p.commune_code === '02647')
    await check(
      'classes=border,strategic,remote&founded_from=2020-01-01&founded_to=2021-12-31',
      (p) => p.founded_on >= '2020-01-01' && p.founded_on <= '2021-12-31',
    )
    const border = (await getJson(ctx.app, '/api/units?level=commune&properties=code,is_border')).body
      .features
    const borderCodes = new Set(
      border.filter((f: any) => f.properties.is_border).map((f: any) => f.properties.code),
    )
    await check('classes=border', (p) => borderCodes.has(p.commune_code))
  })

  it('lists a model dissolved before the period only when the period reaches back to it', async () => {
    const recent = (
      await getJson(ctx.app, '/api/layers/models?statuses=dissolved&from=2026-01-01&to=2026-06-30')
    ).body
    const longer = (
      await getJson(ctx.app, '/api/layers/models?statuses=dissolved&from=2015-01-01&to=2026-06-30')
    ).body
    expect(longer.features.length).toBeGreaterThan(recent.features.length)
  })
})
