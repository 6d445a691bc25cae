import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { backends, getJson, signIn, useApp } from '../testing.ts'
import { ringArea } from './mvt-encode.ts'
import { decodeTile, featuresOf, LAO_CAI_WARD, PROVINCE_BBOX, tileAt } from './testing.ts'

const city = tileAt(LAO_CAI_WARD.lon, LAO_CAI_WARD.lat, 10)
const cityPath = (layer: string, z = 10, query = '') => {
  const t = tileAt(LAO_CAI_WARD.lon, LAO_CAI_WARD.lat, z)
  return `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query}`
}

describe.each(backends())('vector tiles on the %s database', (backend) => {
  const ctx = useApp(backend)

  async function fetchTile(path: string, init?: RequestInit) {
    const res = await ctx.app.request(path, init)
    const bytes = new Uint8Array(await res.arrayBuffer())
    return { res, bytes, tile: decodeTile(bytes) }
  }

  it('lists every layer with its TileJSON and tile URL', async () => {
    const { status, body } = await getJson(ctx.app, '/tiles')
    expect(status).toBe(200)
    const ids = body.layers.map((l: any) => l.id)
    expect(ids).toEqual([
      'province',
      'mask',
      'neighbours',
      'communes',
      'villages',
      'village_points',
      'border_line',
      'border_belt',
      'border_features',
      'models',
      'incident_hex',
    ])
    expect(body.layers.find((l: any) => l.id === 'villages')).toMatchObject({
      minzoom: 9,
      tilejson: '/tiles/villages.json',
    })
  })

  it('serves TileJSON 3.0.0 with a same-origin tile URL, the province bounds and field descriptions', async () => {
    const { status, body } = await getJson(ctx.app, '/tiles/communes.json')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      tilejson: '3.0.0',
      name: 'communes',
      scheme: 'xyz',
      minzoom: 0,
      maxzoom: 16,
    })
    expect(body.tiles).toEqual(['/tiles/communes/{z}/{x}/{y}.mvt'])
    const [w, s, e, n] = body.bounds
    expect(w).toBeGreaterThan(103.4)
    expect(e).toBeLessThan(105.2)
    expect(s).toBeGreaterThan(21.2)
    expect(n).toBeLessThan(22.9)
    expect(body.center[0]).toBeGreaterThan(w)
    expect(body.center[1]).toBeLessThan(n)
    expect(body.vector_layers).toHaveLength(1)
    expect(body.vector_layers[0].id).toBe('communes')
    expect(Object.keys(body.vector_layers[0].fields)).toEqual([
      'code',
      'name',
      'full_name',
      'type',
      'population',
      'is_border',
    ])
    expect(typeof body.vector_layers[0].fields.is_border).toBe('string')
    expect(body.attribution).toContain('demo data')
  })

  it('carries the incident filters of a TileJSON request into its tile URL', async () => {
    const { body } = await getJson(ctx.app, '/tiles/incident_hex.json?from=2026-01-01&categories=theft,drugs')
    expect(body.tiles).toEqual(['/tiles/incident_hex/{z}/{x}/{y}.mvt?from=2026-01-01&categories=theft,drugs'])
  })

  it('puts Phường Lào Cai in the communes tile at z10 with its properties', async () => {
    const { res, tile } = await fetchTile(cityPath('communes'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    const layer = tile.layers.communes
    expect(layer).toMatchObject({ version: 2, extent: 4096 })
    const ward = featuresOf(layer).find((f) => f.properties.code === LAO_CAI_WARD.code)
    expect(ward?.type).toBe(3)
    expect(ward?.properties).toMatchObject({
      name: 'Lào Cai',
      full_name: 'Phường Lào Cai',
      type: 'phuong',
      is_border: true,
    })
    expect(ward?.properties.population).toBeGreaterThan(0)
  })

  it('draws polygons inside the province, with exterior rings clockwise on screen', async () => {
    const { tile } = await fetchTile(cityPath('communes'))
    const [w, s, e, n] = PROVINCE_BBOX
    for (const f of featuresOf(tile.layers.communes)) {
      const geojson = f.toGeoJSON(city.x, city.y, city.z).geometry
      const points = JSON.stringify(geojson).match(/-?\d+\.?\d*,-?\d+\.?\d*/g) ?? []
      for (const p of points) {
        const [lon, lat] = p.split(',').map(Number)
        expect(lon).toBeGreaterThan(w)
        expect(lon).toBeLessThan(e)
        expect(lat).toBeGreaterThan(s)
        expect(lat).toBeLessThan(n)
      }
      const first = f.loadGeometry()[0].map((p) => [p.x, p.y])
      expect(ringArea(first)).toBeGreaterThan(0)
    }
  })

  it('leaves the detailed commune properties out below z8', async () => {
    const { tile } = await fetchTile(cityPath('communes', 7))
    const ward = featuresOf(tile.layers.communes).find((f) => f.properties.code === LAO_CAI_WARD.code)
    expect(ward?.properties).toEqual({ code: LAO_CAI_WARD.code, name: 'Lào Cai', is_border: true })
  })

  it.each([
    ['province', { code: '15' }],
    ['mask', {}],
    ['villages', { commune_code: LAO_CAI_WARD.code }],
    ['village_points', { commune_code: LAO_CAI_WARD.code }],
    ['border_line', {}],
    ['border_belt', { depth_m: 1000 }],
    ['border_features', {}],
    ['models', { commune_code: LAO_CAI_WARD.code }],
  ])('serves the %s layer over the city under its own name', async (layer, expected) => {
    const { res, tile } = await fetchTile(cityPath(layer))
    expect(res.status).toBe(200)
    expect(Object.keys(tile.layers)).toEqual([layer])
    expect(
      featuresOf(tile.layers[layer]).some((f) =>
        Object.entries(expected).every(([k, v]) => f.properties[k] === v),
      ),
    ).toBe(true)
  })

  it('counts incidents in hexagons and leaves out cells under 3', async () => {
    const { res, tile } = await fetchTile(cityPath('incident_hex'))
    expect(res.status).toBe(200)
    const counts = featuresOf(tile.layers.incident_hex).map((f) => f.properties.count as number)
    expect(counts.length).toBeGreaterThan(0)
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3)
    const total = counts.reduce((a, b) => a + b, 0)
    const theft = await fetchTile(
      cityPath('incident_hex', 10, '?categories=theft&from=2025-01-01&to=2025-12-31'),
    )
    const theftTotal = featuresOf(theft.tile.layers.incident_hex).reduce(
      (a, f) => a + (f.properties.count as number),
      0,
    )
    expect(theftTotal).toBeLessThan(total)
  })

  it('answers an empty tile with 204 and its validators', async () => {
    const res = await ctx.app.request('/tiles/communes/10/0/0.mvt')
    expect(res.status).toBe(204)
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/)
    expect((await res.arrayBuffer()).byteLength).toBe(0)
  })

  it('gives 304 to a request that names the current ETag, plain or gzipped', async () => {
    const first = await ctx.app.request(cityPath('communes'))
    const etag = first.headers.get('etag')!
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+, must-revalidate/)
    const again = await ctx.app.request(cityPath('communes'), { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect((await again.arrayBuffer()).byteLength).toBe(0)
    const gz = await ctx.app.request(cityPath('communes'), { headers: { 'accept-encoding': 'gzip' } })
    const gzEtag = gz.headers.get('etag')!
    expect(gzEtag).not.toBe(etag)
    expect(
      (await ctx.app.request(cityPath('communes'), { headers: { 'if-none-match': `W/${gzEtag}, "other"` } }))
        .status,
    ).toBe(304)
    expect(
      (await ctx.app.request(cityPath('communes'), { headers: { 'if-none-match': '"stale"' } })).status,
    ).toBe(200)
  })

  it('sends gzip when the client accepts it, the same tile underneath', async () => {
    const plain = new Uint8Array(await (await ctx.app.request(cityPath('villages'))).arrayBuffer())
    const res = await ctx.app.request(cityPath('villages'), {
      headers: { 'accept-encoding': 'br, gzip;q=0.8' },
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    const body = new Uint8Array(await res.arrayBuffer())
    expect(body.length).toBeLessThan(plain.length)
    expect(new Uint8Array(gunzipSync(body))).toEqual(plain)
    const refused = await ctx.app.request(cityPath('villages'), {
      headers: { 'accept-encoding': 'gzip;q=0, identity' },
    })
    expect(refused.headers.get('content-encoding')).toBeNull()
  })

  it.each([
    ['/tiles/districts/10/807/446.mvt', 404, undefined],
    ['/tiles/districts.json', 404, undefined],
    ['/tiles/communes/17/0/0.mvt', 400, 'z'],
    ['/tiles/villages/8/201/111.mvt', 400, 'z'],
    ['/tiles/communes/ten/807/446.mvt', 400, 'z'],
    ['/tiles/communes/10/1024/446.mvt', 400, 'x'],
    ['/tiles/communes/10/-1/446.mvt', 400, 'x'],
    ['/tiles/communes/10/807/446.5.mvt', 400, 'y'],
    ['/tiles/communes/10/807/446.png', 400, 'y'],
    ['/tiles/communes/10/807/446.mvt?from=2026-01-01', 400, 'from'],
    ['/tiles/communes/10/807/446.mvt?colour=red', 400, 'colour'],
    ['/tiles/incident_hex/10/807/446.mvt?from=2026-02-30', 400, 'from'],
    ['/tiles/incident_hex/10/807/446.mvt?from=2026-03-01&to=2026-02-01', 400, 'from'],
    ['/tiles/incident_hex/10/807/446.mvt?categories=piracy', 400, 'categories'],
    ['/tiles/incident_hex.json?to=yesterday', 400, 'to'],
  ])('answers %s with %i naming the field', async (path, status, field) => {
    const { status: got, body } = await getJson(ctx.app, path)
    expect(got).toBe(status)
    expect(body.error.code).toBe(status === 404 ? 'not_found' : 'invalid_parameter')
    if (field) expect(body.error.details[0].field).toBe(field)
  })

  it('shows a commune steward only their commune, and does not hand them the admin’s cached tile', async () => {
    const admin = await fetchTile(cityPath('communes'))
    expect(admin.tile.layers.communes.length).toBeGreaterThan(1)
    const steward = await signIn(ctx.raw, 'steward')
    const res = await steward.request(cityPath('communes'))
    expect(res.headers.get('cache-control')).toMatch(/^private/)
    const codes = featuresOf(decodeTile(new Uint8Array(await res.arrayBuffer())).layers.communes).map(
      (f) => f.properties.code,
    )
    expect(codes).toEqual([LAO_CAI_WARD.code])
  })

  it('gives a viewer, who may not read incident locations, the suppressed hexagon counts', async () => {
    const viewer = await signIn(ctx.raw, 'viewer')
    const res = await viewer.request(cityPath('incident_hex'))
    expect(res.status).toBe(200)
    const counts = featuresOf(decodeTile(new Uint8Array(await res.arrayBuffer())).layers.incident_hex).map(
      (f) => f.properties.count,
    )
    expect(counts.length).toBeGreaterThan(0)
    expect((await viewer.request(cityPath('models'))).status).toBe(403)
  })

  it.runIf(backend === 'embedded')('renders again with a new ETag after the data changes', async () => {
    const before = await fetchTile(cityPath('communes'))
    await ctx.db.query(`update commune set population = population + 1 where code = $1`, [LAO_CAI_WARD.code])
    const after = await fetchTile(cityPath('communes'), {
      headers: { 'if-none-match': before.res.headers.get('etag')! },
    })
    expect(after.res.status).toBe(200)
    const pop = (t: typeof before) =>
      featuresOf(t.tile.layers.communes).find((f) => f.properties.code === LAO_CAI_WARD.code)?.properties
        .population
    expect(pop(after)).toBe((pop(before) as number) + 1)
  })
})
