// The 2008 recipe on a small Shapefile written here, laid out like choisy/vietnam63's data-raw/communes.*
// and censusVN2009's Vietnam_pop_commune.dbf (the real ones are not among the local upstream copies).
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shapefileParts } from '../../../../api/src/imports/fixtures/files.ts'
import type { Db } from '../../db/index.ts'
import { backends, closeTestDbs, openTestDb } from '../../testing/index.ts'
import { readManifest } from '../manifest.ts'
import { communes2008, nameKey } from './communes-2008.ts'

const SHARED = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url))
const MERGES = `${SHARED}origin/dvhcvn/20250701/dd94887c/mapping/merges.json`
const COMMUNES_2025 = `${SHARED}vietnam/communes_2025.geojson`

const square = (x: number, y: number, d = 0.002): [number, number][] => [
  [x - d, y - d],
  [x + d, y - d],
  [x + d, y + d],
  [x - d, y + d],
  [x - d, y - d],
]

describe('commune names', () => {
  it('match whatever the type word or the tone-mark placement', () => {
    expect(nameKey('Xã Vạn Hoà')).toBe(nameKey('Vạn Hòa'))
    expect(nameKey('Phường Duyên Hải')).toBe(nameKey('duyên hải'))
    expect(nameKey('Thị trấn Bắc Hà')).toBe(nameKey('Bắc Hà'))
    expect(nameKey('Xã Bản Phiệt')).not.toBe(nameKey('Xã Bản Xèo'))
  })
})

describe.each(backends())('the 2008 communes recipe on the %s database', (backend) => {
  const ready = existsSync(MERGES) && existsSync(COMMUNES_2025)
  let db: Db
  let out: { features: { properties: Record<string, unknown>; geometry: { type: string } }[] }

  beforeAll(async () => {
    if (!ready) return
    db = await openTestDb(backend)
    const at = async (code: string) =>
      (
        await db.query<{ x: number; y: number }>(
          'select ST_X(label_point) as x, ST_Y(label_point) as y from commune where code = $1',
          [code],
        )
      )[0]
    const ward = await at('02647') // Phường Lào Cai, formed in 2025 from Duyên Hải (02635) and others
    const rural = await at('02686') // Xã A Mú Sung
    const row = (id: number, name: string, province: string, ring: [number, number][]) => ({
      geometry: { type: 'Polygon' as const, coordinates: [ring] },
      properties: {
        COMMUNE_ID: id,
        NAME_VIE: name,
        DIS_NAME_V: 'Thành phố Lào Cai',
        PRO_NAME_V: province === 'Lao Cai' ? 'Lào Cai' : 'Yên Bái',
        PRO_NAME_E: province,
      },
    })
    const shp = shapefileParts(
      [
        row(2050101, 'Phường Duyên Hải', 'Lao Cai', square(ward.x, ward.y)),
        row(2050199, 'Xã Đã Nhập Trước 2025', 'Lao Cai', square(rural.x, rural.y)),
        row(2130101, 'Phường Duyên Hải', 'Yen Bai', square(rural.x + 1, rural.y - 1)),
      ],
      { name: 'communes' },
    )
    const census = shapefileParts(
      [
        {
          geometry: { type: 'Point', coordinates: [0, 0] },
          properties: { COMMUNE_ID: 2050101, Population: 5455, Area_Commu: 386 },
        },
        {
          geometry: { type: 'Point', coordinates: [0, 0] },
          properties: { COMMUNE_ID: 2050199, Population: 1200.4, Area_Commu: 2500 },
        },
      ],
      { name: 'census' },
    )
    const raw: Record<string, Buffer> = {
      communes_2008_shp: Buffer.from(shp['communes.shp']),
      communes_2008_dbf: Buffer.from(shp['communes.dbf']),
      communes_2008_prj: Buffer.from(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      ),
      census_2009_dbf: Buffer.from(census['census.dbf']),
      merges_2025: readFileSync(MERGES),
    }
    const manifest = readManifest()
    const text = await communes2008({
      area: manifest.area,
      merged: () => ({ ...manifest.area.merged['15'], code: '15' }),
      ids: Object.keys(raw),
      db,
      raw: (id) => raw[id],
      layer: () => readFileSync(COMMUNES_2025),
    })
    out = JSON.parse(text)
  })
  afterAll(closeTestDbs)

  it.skipIf(!ready)('keeps only the communes of the old province', () => {
    expect(out.features.map((f) => f.properties.id_vietnam63)).toEqual(['2050101', '2050199'])
    expect(out.features.every((f) => f.geometry.type === 'MultiPolygon')).toBe(true)
  })

  it.skipIf(!ready)('joins the 2009 census population and area on the commune id', () => {
    expect(out.features.map((f) => [f.properties.dan_so_2009, f.properties.dien_tich_2009_ha])).toEqual([
      [5455, 386],
      [1200, 2500],
    ])
  })

  it.skipIf(!ready)(
    'gives the official code by name where the merge list has it, and the new commune',
    () => {
      expect(out.features[0].properties).toMatchObject({
        ten: 'Phường Duyên Hải',
        huyen: 'Thành phố Lào Cai',
        ma_xa_gso: '02635',
        ma_xa_moi_2025: ['02647'],
        ten_xa_moi_2025: ['Phường Lào Cai'],
      })
    },
  )

  it.skipIf(!ready)('places a commune merged away before 2025 in the 2025 commune that covers it', () => {
    expect(out.features[1].properties).toMatchObject({ ma_xa_gso: null, ma_xa_moi_2025: ['02686'] })
  })
})
