import { describe, expect, it } from 'vitest'
import { MIN_HEX_EDGE_M } from '../auth/disclosure.ts'
import { backends, getJson, metres, useApp } from '../testing.ts'

const INCIDENT_PROPERTIES = [
  'id',
  'category_code',
  'occurred_on',
  'severity',
  'precision',
  'commune_code',
  'village_code',
]

describe.each(backends())('incident layers on the %s database', (backend) => {
  const ctx = useApp(backend)
  const count = async (sql: string, args: unknown[]) => (await ctx.db.query<{ n: number }>(sql, args))[0].n

  it('returns the last 12 months of incident points by default, with the documented properties', async () => {
    const res = await ctx.app.request('/api/incidents')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('geo+json')
    const text = await res.text()
    expect(text).not.toMatch(/\d\.\d{7,}/)
    const body = JSON.parse(text)
    const meta = (await getJson(ctx.app, '/api/meta')).body
    expect(body.period).toEqual(meta.default_period)
    expect(body.truncated).toBe(false)
    const direct = await count(
      `select count(*)::int as n from incident where occurred_on between $1 and $2`,
      [body.period.from, body.period.to],
    )
    expect(body.features).toHaveLength(direct)
    expect(body.matched).toBe(direct)
    for (const f of body.features.slice(0, 100)) {
      expect(Object.keys(f.properties).sort()).toEqual([...INCIDENT_PROPERTIES].sort())
      expect(f.geometry.type).toBe('Point')
      expect(f.properties.occurred_on >= body.period.from && f.properties.occurred_on <= body.period.to).toBe(
        true,
      )
    }
  })

  it('caps the number of points, newest first, and says it truncated', async () => {
    const body = (await getJson(ctx.app, '/api/incidents?from=2024-01-01&to=2024-12-31&limit=25')).body
    expect(body.features).toHaveLength(25)
    expect(body.truncated).toBe(true)
    expect(body.limit).toBe(25)
    const direct = await count(
      `select count(*)::int as n from incident where occurred_on between '2024-01-01' and '2024-12-31'`,
      [],
    )
    expect(body.matched).toBe(direct)
    const dates = body.features.map((f: any) => f.properties.occurred_on)
    expect([...dates].sort().reverse()).toEqual(dates)
  })

  it('filters points by category and bounding box', async () => {
    const bbox = [103.9, 22.3, 104.2, 22.6]
    const body = (
      await getJson(
        ctx.app,
        `/api/incidents?from=2023-01-01&to=2025-12-31&categories=drugs,theft&bbox=${bbox.join(',')}`,
      )
    ).body
    expect(body.features.length).toBeGreaterThan(0)
    for (const f of body.features) {
      expect(['drugs', 'theft']).toContain(f.properties.category_code)
      const [lon, lat] = f.geometry.coordinates
      expect(lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]).toBe(true)
    }
    const direct = await count(
      `select count(*)::int as n from incident where occurred_on between '2023-01-01' and '2025-12-31'
       and category_code in ('drugs', 'theft') and point && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
      bbox,
    )
    expect(body.features).toHaveLength(direct)
    expect(body.categories).toEqual(['drugs', 'theft'])
  })

  it('aggregates to hexagons whose edge is the requested length on the ground', async () => {
    const body = (await getJson(ctx.app, '/api/incidents/density?resolution=5000')).body
    expect(body.type).toBe('FeatureCollection')
    expect(body).toMatchObject({ mode: 'hex', min_count: 3, resolution_m: 5000 })
    expect(body.categories).toHaveLength(12)
    expect(body.features.length).toBeGreaterThan(10)
    for (const f of body.features) {
      const ring = f.geometry.coordinates[0]
      expect(ring).toHaveLength(7)
      const midLat = (ring[0][1] + ring[3][1]) / 2
      // Edges in the province's latitude band are within 1 % of 5,000 m (the correction is made at its centre).
      for (let k = 0; k < 6; k++)
        expect(Math.abs(metres(ring[k], ring[k + 1]) - 5000), `lat ${midLat}`).toBeLessThan(50)
    }
  })

  it('leaves small cells out, geometry and all, and says how many', async () => {
    const q = 'from=2025-01-01&to=2025-06-30&resolution=1000'
    const open = (await getJson(ctx.app, `/api/incidents/density?${q}&min_count=1`)).body
    const closed = (await getJson(ctx.app, `/api/incidents/density?${q}`)).body
    expect(open.suppressed_cells).toBe(0)
    const small = open.features.filter((f: any) => f.properties.count < 3)
    expect(small.length).toBeGreaterThan(0)
    expect(closed.suppressed_cells).toBe(small.length)
    expect(closed.features).toHaveLength(open.features.length - small.length)
    for (const f of closed.features) {
      expect(f.properties.suppressed).toBe(false)
      expect(f.properties.count).toBeGreaterThanOrEqual(3)
    }
    const shown = new Set(closed.features.map((f: any) => f.id))
    expect(small.filter((f: any) => shown.has(f.id))).toEqual([])
  })

  it('counts as many incidents in hexagons and in units as a direct SQL count', async () => {
    const from = '2025-03-01'
    const to = '2025-08-31'
    const direct = await count(
      `select count(*)::int as n from incident where occurred_on between $1 and $2 and category_code in ('drugs', 'smuggling')`,
      [from, to],
    )
    expect(direct).toBeGreaterThan(0)
    const q = `from=${from}&to=${to}&categories=smuggling,drugs&min_count=1`
    const sum = (rows: any[]) => rows.reduce((s, r) => s + (r.count ?? r.properties.count), 0)
    const hex = (await getJson(ctx.app, `/api/incidents/density?${q}&resolution=2000`)).body
    expect(sum(hex.features)).toBe(direct)
    const communes = (await getJson(ctx.app, `/api/incidents/density?mode=units&${q}`)).body
    expect(communes.features).toHaveLength(99)
    expect(sum(communes.features)).toBe(direct)
    const perCommune = await ctx.db.query<{ code: string; n: number }>(
      `select commune_code as code, count(*)::int as n from incident
       where occurred_on between $1 and $2 and category_code in ('drugs', 'smuggling') group by 1`,
      [from, to],
    )
    for (const { code, n } of perCommune)
      expect(communes.features.find((f: any) => f.id === code).properties.count).toBe(n)
  })

  it('lists every unit, rows only when geometry=false, with the same suppression rule', async () => {
    const body = (
      await getJson(
        ctx.app,
        '/api/incidents/density?mode=units&level=village&geometry=false&from=2025-06-01&to=2025-06-30',
      )
    ).body
    expect(body.rows.length).toBeGreaterThan(1500)
    expect(body).toMatchObject({ mode: 'units', level: 'village', min_count: 3 })
    expect(body.period).toEqual({ from: '2025-06-01', to: '2025-06-30' })
    for (const r of body.rows) {
      expect(r.commune_code).toMatch(/^\d{5}$/)
      if (r.suppressed) expect(r.count).toBeNull()
      else expect(r.count === 0 || r.count >= 3).toBe(true)
    }
    expect(body.rows.filter((r: any) => r.suppressed)).toHaveLength(body.suppressed_cells)
    expect(body.rows.some((r: any) => r.count === 0)).toBe(true)
    expect(body.suppressed_cells).toBeGreaterThan(0)
  })

  it('refuses parameters of the other mode', async () => {
    for (const [q, field] of [
      ['mode=hex&level=village', 'level'],
      ['geometry=false', 'geometry'],
      ['mode=units&resolution=1000', 'resolution'],
    ]) {
      const { status, body } = await getJson(ctx.app, `/api/incidents/density?${q}`)
      expect(status, q).toBe(400)
      expect(body.error.details[0].field, q).toBe(field)
    }
  })
})

describe.each(backends())('incident layers for a viewer on the %s database', (backend) => {
  const ctx = useApp(backend, 'viewer')

  it('gives hexagon density to a role that may not see incident points', async () => {
    expect((await ctx.app.request('/api/incidents')).status).toBe(403)
    const { status, body } = await getJson(ctx.app, '/api/incidents/density?resolution=3000')
    expect(status).toBe(200)
    expect(body.features.length).toBeGreaterThan(0)
  })

  it('answers such a role at the 2 km hexagon floor, over the whole month of a one-day period', async () => {
    const { status, body } = await getJson(
      ctx.app,
      '/api/incidents/density?mode=hex&resolution=250&from=2026-01-04&to=2026-01-04',
    )
    expect(status).toBe(200)
    expect(body.resolution_m).toBe(MIN_HEX_EDGE_M)
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-01-31' })
    for (const f of body.features) expect(f.properties.count).toBeGreaterThanOrEqual(3)
  })

  it('does not let such a role lower the minimum count', async () => {
    const { status, body } = await getJson(ctx.app, '/api/incidents/density?min_count=1')
    expect(status).toBe(403)
    expect(body.error.details[0].field).toBe('min_count')
  })
})
