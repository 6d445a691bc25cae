// The app runs on the current boundaries alone. The whole start without the 2008 communes is tested in
// data/src/sources/origin.test.ts; here, cheaply, a copy of the seeded database is brought to the state such
// a start leaves (no 2008 communes, the layer resolver's report of it in dataset_meta) and the app serves it.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { areaFromEnv, DEFAULT_CACHE_DIR, type ResolvedLayers, resolveLayers } from '@antt/data'
import type { Db } from '@antt/data/db'
import { closeTestDbs, openTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { getJson, type SignedInApp, signIn } from '../testing.ts'

const LAOCAI = fileURLToPath(new URL('../../../../shared/data/laocai', import.meta.url))
const NATIONAL = fileURLToPath(new URL('../../../../shared/data/vietnam', import.meta.url))
const PRESENT = ['province_outlines.geojson', 'commune_codes_2025_crosswalk.csv', 'districts_pre2025.geojson']

describe.skipIf(!existsSync(LAOCAI))('the app without the 2008 communes', () => {
  let db: Db
  let app: SignedInApp
  let resolved: ResolvedLayers

  beforeAll(async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'antt-mirror-'))
    mkdirSync(join(mirror, 'laocai'))
    for (const f of PRESENT) copyFileSync(join(LAOCAI, f), join(mirror, 'laocai', f))
    // the national layers: the communes from the data mirror, the layers derived from them from the cache
    // the test template's seed filled
    cpSync(join(DEFAULT_CACHE_DIR, 'vietnam'), join(mirror, 'vietnam'), { recursive: true })
    copyFileSync(join(NATIONAL, 'communes_2025.geojson'), join(mirror, 'vietnam', 'communes_2025.geojson'))
    db = await openTestDb('embedded')
    resolved = await resolveLayers(db, areaFromEnv({}), {
      mirror,
      cacheDir: mkdtempSync(join(tmpdir(), 'antt-cache-')),
      allowOrigin: false,
      log: () => {},
    })
    await db.exec('delete from legacy_commune')
    await db.query(`update dataset_meta set value = $1::jsonb where key = 'missing_layers'`, [
      JSON.stringify(resolved.missing.map(({ id, path, what, hint }) => ({ id, path, what, hint }))),
    ])
    app = await signIn(createApp(db), 'admin')
  })
  afterAll(closeTestDbs)

  it('resolves every required layer and reports the 2008 communes missing', () => {
    expect([...resolved.files.keys()]).toEqual([
      'communes_2025',
      'provinces_2025',
      'land_border',
      'province_outlines',
      'commune_crosswalk',
      'districts_pre2025',
    ])
    expect(resolved.missing.map((m) => m.id)).toEqual(['communes_2008'])
  })

  it('answers its health check with the 99 communes', async () => {
    const { status, body } = await getJson(app, '/api/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', communes: 99 })
  })

  it('names the missing layer in /api/meta, with where to get it', async () => {
    const { body } = await getJson(app, '/api/meta')
    expect(body.missing_layers).toHaveLength(1)
    expect(body.missing_layers[0]).toMatchObject({
      id: 'communes_2008',
      path: 'laocai/communes_2008.geojson',
    })
    expect(body.missing_layers[0].hint).toContain('https://raw.githubusercontent.com/choisy/vietnam63/')
  })

  it('serves the 2008 layer as an empty collection, not an error', async () => {
    const { status, body } = await getJson(app, '/api/units?level=commune_2008')
    expect(status).toBe(200)
    expect(body.features).toEqual([])
  })
})
