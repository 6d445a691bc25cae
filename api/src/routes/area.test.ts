// Another province end to end (AREA=04, Cao Bằng, also on the China border): its seed, the area the API
// reports, metrics, a tile and its border communes. One seeded template per backend, built on first use.
import type { Db } from '@antt/data/db'
import { closeTestDbs, openAreaTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { backends, getJson, type SignedInApp, signIn } from '../testing.ts'
import { decodeTile, featuresOf, tileAt } from '../tiles/testing.ts'

/** The provincial seat, the former Cao Bằng city. */
const CAO_BANG_TOWN = { lon: 106.26, lat: 22.67 }

describe.each(backends())('Cao Bằng (AREA=04) on the %s database', (backend) => {
  let db: Db
  let app: SignedInApp
  beforeAll(async () => {
    db = await openAreaTestDb(backend, '04')
    app = await signIn(createApp(db), 'admin')
  }, 900_000) // the first run seeds the province
  afterAll(closeTestDbs)

  it('names and frames the province it serves, with its neighbours', async () => {
    const { body } = await getJson(app, '/api/health')
    expect(body.area).toMatchObject({
      provinces: ['04'],
      name: 'Tỉnh Cao Bằng',
      name_en: 'Cao Bằng province',
    })
    const [w, s, e, n] = body.area.bounds
    expect(w).toBeGreaterThan(105)
    expect(e).toBeLessThan(107)
    expect(s).toBeGreaterThan(22)
    expect(n).toBeLessThan(23.2)
    expect(body.area.neighbours.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Tỉnh Lạng Sơn', 'Tỉnh Tuyên Quang', 'Tỉnh Thái Nguyên']),
    )
    expect(body.communes).toBe(56)
  })

  it('computes the metrics of its 56 communes', async () => {
    const { status, body } = await getJson(app, '/api/metrics?level=commune')
    expect(status).toBe(200)
    expect(body.rows).toHaveLength(56)
    expect(body.rows.every((r: { code: string }) => /^01\d{3}$/.test(r.code))).toBe(true)
    expect(body.totals.incidents).toBeGreaterThan(0)
  })

  it('serves a commune tile over the province, and the neighbours around it', async () => {
    const { z, x, y } = tileAt(CAO_BANG_TOWN.lon, CAO_BANG_TOWN.lat, 8)
    const communes = await app.request(`/tiles/communes/${z}/${x}/${y}.mvt`)
    expect(communes.status).toBe(200)
    expect(
      featuresOf(decodeTile(new Uint8Array(await communes.arrayBuffer())).layers.communes).length,
    ).toBeGreaterThan(5)
    const around = tileAt(106.5, 22.0, 7) // Lạng Sơn, south-east of the province
    const neighbours = await app.request(`/tiles/neighbours/${around.z}/${around.x}/${around.y}.mvt`)
    const names = featuresOf(
      decodeTile(new Uint8Array(await neighbours.arrayBuffer())).layers.neighbours,
    ).map((f) => f.properties.name)
    expect(names).toContain('Tỉnh Lạng Sơn')
  })

  it('finds its border communes on the China border, from its own commune polygons', async () => {
    const lines = await db.query<{ name: string; km: number }>(
      'select name, ST_Length(geom::geography) / 1000 as km from border_line',
    )
    expect(lines).toHaveLength(1)
    expect(lines[0].name).toBe('Biên giới Việt Nam – Trung Quốc (đoạn tỉnh Cao Bằng)')
    expect(lines[0].km).toBeGreaterThan(300) // officially about 333 km
    const border = await db.query<{ code: string; d: number }>(
      `select c.code, ST_Distance(c.geom::geography, (select ST_Union(geom)::geography from border_line)) as d
       from commune c join commune_area_class a on a.commune_code = c.code and a.class_code = 'border'`,
    )
    expect(border.length).toBeGreaterThanOrEqual(15)
    for (const r of border) expect(r.d).toBeLessThanOrEqual(500)
    const [belt] = await db.query<{ km2: number }>(
      'select ST_Area(geom::geography) / 1e6 as km2 from border_belt',
    )
    expect(belt.km2).toBeGreaterThan(250)
  })
})
