// The whole country (AREA=VN) at a reduced size: all 3,321 communes of the 34 provinces, with few demo records
// (three villages per commune, 20,000 incidents), on each backend. One seeded template per backend, built on
// first use; the default (Lào Cai) template is the province-mode side of the comparisons.

import type { DemoSize } from '@antt/data'
import type { Db } from '@antt/data/db'
import { closeTestDbs, openAreaTestDb, openTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { walkDisclosure } from '../auth/disclosure-walk.ts'
import { backends, getJson, type SignedInApp, signIn } from '../testing.ts'
import { LAO_CAI_WARD } from '../tiles/testing.ts'

/** Few records over every commune: the size of the national test databases (and of CI). */
const SIZE: DemoSize = { villages: 1, incidents: 20_000 }
const LAO_CAI = '15'
const PERIOD = 'from=2025-01-01&to=2025-12-31'

const borderCommunes = (db: Db) =>
  db
    .query<{ code: string }>(
      `select c.code from commune c join commune_area_class a on a.commune_code = c.code and a.class_code = 'border'
       where c.province_code = $1 order by 1`,
      [LAO_CAI],
    )
    .then((rows) => rows.map((r) => r.code))

describe.each(backends())('the whole country (AREA=VN) on the %s database', (backend) => {
  const ctx = {} as { db: Db; raw: ReturnType<typeof createApp>; app: SignedInApp }
  beforeAll(async () => {
    ctx.db = await openAreaTestDb(backend, 'VN', SIZE)
    ctx.raw = createApp(ctx.db)
    ctx.app = await signIn(ctx.raw, 'admin')
  }, 3_600_000) // the first run loads the country's boundaries
  afterAll(closeTestDbs)

  it('serves 3,321 communes in 34 provinces, named as the whole country', async () => {
    const { body } = await getJson(ctx.app, '/api/health')
    expect(body.communes).toBe(3321)
    expect(body.area).toMatchObject({ name: 'Toàn quốc' })
    expect(body.area.provinces).toHaveLength(34)
    const provinces = (await getJson(ctx.app, '/api/units?level=province&properties=code,name')).body
    expect(provinces.features).toHaveLength(34)
    // one outline for the mask: the country, not a mask per province covering all the others
    const [outline] = await ctx.db.query<{ n: number; km2: number }>(
      'select ST_NumGeometries(geom) as n, ST_Area(geom::geography) / 1e6 as km2 from area_outline',
    )
    expect(outline.km2).toBeGreaterThan(320_000)
    expect(outline.km2).toBeLessThan(340_000)
  })

  it('finds the same ten border communes of Lào Cai as province mode does', async () => {
    const national = await borderCommunes(ctx.db)
    expect(national).toHaveLength(10)
    expect(national).toEqual(await borderCommunes(await openTestDb(backend)))
  })

  it('adds up each province from its communes: sums, and ratios of the sums', async () => {
    const communes = (await getJson(ctx.app, `/api/metrics?level=commune&${PERIOD}`)).body
    const { status, body } = await getJson(ctx.app, `/api/metrics?level=province&${PERIOD}`)
    expect(status).toBe(200)
    expect(communes.rows).toHaveLength(3321)
    expect(body.rows).toHaveLength(34)
    const provinceOf = new Map(
      (await ctx.db.query<{ code: string; p: string }>('select code, province_code as p from commune')).map(
        (r) => [r.code, r.p],
      ),
    )
    for (const p of body.rows) {
      const mine = communes.rows.filter((r: any) => provinceOf.get(r.code) === p.code)
      expect(mine.length).toBeGreaterThan(0)
      for (const k of ['population', 'villages', 'villages_covered', 'active_models', 'incidents'])
        expect(p[k], `${p.code} ${k}`).toBe(mine.reduce((s: number, r: any) => s + r[k], 0))
      expect(p.village_coverage).toBeCloseTo(p.villages_covered / p.villages, 12)
    }
    for (const k of ['population', 'villages', 'incidents']) expect(body.totals[k]).toBe(communes.totals[k])
  })

  it('draws hot spots over the national lattice: neighbours across province lines', async () => {
    const nb = (await getJson(ctx.app, '/api/stats/neighbors?level=commune')).body as Record<string, string[]>
    expect(Object.keys(nb)).toHaveLength(3321)
    const provinceOf = new Map(
      (await ctx.db.query<{ code: string; p: string }>('select code, province_code as p from commune')).map(
        (r) => [r.code, r.p],
      ),
    )
    const across = Object.entries(nb).filter(([code, list]) =>
      list.some((n) => provinceOf.get(n) !== provinceOf.get(code)),
    )
    expect(across.length).toBeGreaterThan(500)
    const { status, body } = await getJson(
      ctx.app,
      `/api/stats/hotspots?level=commune&metric=incidents&permutations=99&${PERIOD}`,
    )
    expect(status).toBe(200)
    expect(body.rows).toHaveLength(3321)
  })

  it('shows a provincial leader nothing outside the province, on any endpoint or tile layer', {
    timeout: 1_800_000,
  }, async () => {
    const laoCai = new Set(
      (
        await ctx.db.query<{ code: string }>('select code from commune where province_code = $1', [LAO_CAI])
      ).map((r) => r.code),
    )
    expect(laoCai.size).toBe(99)
    const { callers, requests, problems } = await walkDisclosure(ctx, {
      accounts: ['provincial'],
      home: LAO_CAI_WARD,
      inScope: (commune) => laoCai.has(commune),
    })
    expect(new Set(callers[0].scope)).toEqual(laoCai)
    expect(requests).toBeGreaterThan(200)
    expect(problems).toEqual([])
  })
})
