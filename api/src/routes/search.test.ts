import { describe, expect, it } from 'vitest'
import { backends, getJson, useApp } from '../testing.ts'

describe.each(backends())('search on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('finds the province first, with its extent, then communes and villages with their province', async () => {
    const { status, body } = await getJson(ctx.app, '/api/search?q=lao%20cai&limit=20')
    expect(status).toBe(200)
    const [first, ...rest] = body.results
    expect(first).toMatchObject({ level: 'province', code: '15', name: 'Tỉnh Lào Cai', rank: 0 })
    const [w, s, e, n] = first.bounds
    // Lào Cai since 2025 (with Yên Bái): about 103.5–105.2 °E, 21.3–22.9 °N
    expect(w).toBeGreaterThan(103)
    expect(e).toBeLessThan(105.5)
    expect(s).toBeGreaterThan(21)
    expect(n).toBeLessThan(23)
    expect(first.lon).toBeCloseTo((w + e) / 2, 9)
    const ward = rest.find((r: any) => r.code === '02647')
    expect(ward).toMatchObject({
      level: 'commune',
      name: 'Phường Lào Cai',
      province_name: 'Tỉnh Lào Cai',
      bounds: null,
    })
    expect(rest.every((r: any) => r.level !== 'province')).toBe(true)
    const village = rest.find((r: any) => r.level === 'village')
    if (village) expect(village.province_name).toBe('Tỉnh Lào Cai')
  })

  it('takes level=province', async () => {
    const { body } = await getJson(ctx.app, '/api/search?q=lao&level=province')
    expect(body.results.map((r: any) => r.code)).toEqual(['15'])
  })
})
