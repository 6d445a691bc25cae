// The app runs on the current boundaries alone. The whole start with none of the history layers is tested in
// data/src/sources/origin.test.ts; here, cheaply, a copy of the seeded database is brought to the state such
// a start leaves (no old provinces, crosswalk, districts or 2008 communes, the layer resolver's report of them
// in dataset_meta) and the app serves it.
import { copyFileSync, cpSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { areaFromEnv, DEFAULT_CACHE_DIR, type ResolvedLayers, resolveLayers } from '@antt/data'
import type { Db } from '@antt/data/db'
import { closeTestDbs, openTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { csvOf } from '../imports/fixtures/files.ts'
import { upload } from '../imports/fixtures/upload.ts'
import { getJson, type SignedInApp, signIn } from '../testing.ts'

const NATIONAL = fileURLToPath(new URL('../../../../shared/data/vietnam', import.meta.url))
const HISTORY = ['province_outlines', 'commune_crosswalk', 'districts_pre2025', 'communes_2008']

describe.skipIf(!existsSync(NATIONAL))('the app on the current communes alone', () => {
  let db: Db
  let app: SignedInApp
  let resolved: ResolvedLayers

  beforeAll(async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'antt-mirror-'))
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
    await db.exec(`delete from legacy_commune; delete from legacy_district; delete from commune_crosswalk;
                   delete from province where valid_to is not null`)
    await db.query(`update dataset_meta set value = $1::jsonb where key = 'missing_layers'`, [
      JSON.stringify(resolved.missing.map(({ id, path, what, hint }) => ({ id, path, what, hint }))),
    ])
    app = await signIn(createApp(db), 'admin')
  })
  afterAll(closeTestDbs)

  it('resolves every required layer and reports each history layer missing', () => {
    expect([...resolved.files.keys()]).toEqual(['communes_2025', 'provinces_2025', 'land_border'])
    expect(resolved.missing.map((m) => m.id)).toEqual(HISTORY)
  })

  it('answers its health check with the 99 communes', async () => {
    const { status, body } = await getJson(app, '/api/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', communes: 99 })
  })

  it('names the missing layers in /api/meta, with where to get each', async () => {
    const { body } = await getJson(app, '/api/meta')
    expect(body.missing_layers.map((m: { id: string }) => m.id)).toEqual(HISTORY)
    expect(body.missing_layers[3]).toMatchObject({
      id: 'communes_2008',
      path: 'laocai/communes_2008.geojson',
    })
    expect(body.missing_layers[3].hint).toContain('https://raw.githubusercontent.com/choisy/vietnam63/')
    expect(body.missing_layers[1].hint).toContain(
      'https://raw.githubusercontent.com/dvhcvn/20250701/dd94887c/mapping/merges.json',
    )
  })

  it('maps the area and its border communes without the old province outlines', async () => {
    const { status, body } = await getJson(app, '/api/metrics?level=commune&classes=border')
    expect(status).toBe(200)
    expect(body.rows).toHaveLength(10)
  })

  it('says why an old commune code cannot be read when the crosswalk is missing, in both languages', async () => {
    const rows = [
      ['Loại vụ việc', 'Ngày xảy ra', 'Mã xã'],
      ['Trộm cắp tài sản', '05/03/2025', '02635'],
    ]
    const fd = new FormData()
    fd.set('kind', 'incidents')
    fd.set('file', new File([csvOf(rows)], 'vu-viec.csv'))
    const { status, body } = await getJson(app, '/api/imports', { method: 'POST', body: fd })
    expect(status).toBe(200)
    const said = [...(body.errors ?? []), ...(body.warnings ?? [])].find(
      (e: { field?: string }) => e.field === 'commune_code',
    )
    expect(said.message).toBe(
      'unknown commune code 02635 (codes from before 1 July 2025 cannot be read: the crosswalk of the 2025 merger was not loaded at set-up)',
    )
    expect(said.message_vi).toContain('bảng đối chiếu mã sáp nhập 2025 chưa được nạp')
    expect((await upload(app, 'incidents', csvOf(rows), 'vu-viec.csv')).body.valid).toBe(0)
  })

  it('serves the 2008 layer as an empty collection, not an error', async () => {
    const { status, body } = await getJson(app, '/api/units?level=commune_2008')
    expect(status).toBe(200)
    expect(body.features).toEqual([])
  })
})
