import proj4 from 'proj4'
import { describe, expect, it } from 'vitest'
import { backends, metres, useApp } from '../testing.ts'
import { guessCrsFromPrj, knownCrs, LAO_CAI_MERIDIAN, parseCrs, VN2000, vn2000Tm3, WGS84 } from './crs.ts'
import { PRJ_VN2000_TM3_10445 } from './fixtures/files.ts'
import { sqlBare, sqlFold } from './fold.ts'

describe('coordinate system names', () => {
  it('reads the names an import may give', () => {
    expect(parseCrs('EPSG:4326')).toBe(WGS84)
    expect(parseCrs('vn-2000')).toBe(VN2000)
    expect(parseCrs('VN2000-TM3-104.75')?.srid).toBe(920475)
    expect(parseCrs('VN2000-TM3-104-45')?.srid).toBe(920475)
    expect(parseCrs('VN2000-TM3-105.5')?.proj4).toContain('+lon_0=105.5 ')
    expect(parseCrs('VN2000-TM3-104.6')).toBeNull()
    expect(parseCrs('EPSG:3405')?.name).toBe('VN2000-UTM-48')
    expect(parseCrs('HN72')).toBeNull()
  })

  it('guesses VN-2000 TM-3 and its central meridian from an ESRI .prj', () => {
    expect(guessCrsFromPrj(PRJ_VN2000_TM3_10445).crs?.name).toBe('VN2000-TM3-104.75')
    const wgs =
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
    expect(guessCrsFromPrj(wgs).crs).toBe(WGS84)
    const vnGeo = wgs.replace('GCS_WGS_1984', 'GCS_VN_2000').replace('D_WGS_1984', 'D_Vietnam_2000')
    expect(guessCrsFromPrj(vnGeo).crs).toBe(VN2000)
    const utm = PRJ_VN2000_TM3_10445.replace('104.75', '105.0').replace('0.9999', '0.9996')
    expect(guessCrsFromPrj(utm).crs?.name).toBe('VN2000-UTM-48')
    expect(guessCrsFromPrj(PRJ_VN2000_TM3_10445.replace('104.75', '104.6')).crs).toBeNull()
  })
})

describe.each(backends())('VN-2000 in PostGIS on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('defines every CRS in spatial_ref_sys with the PROJ string crs.ts gives', async () => {
    const defined = new Map(
      (
        await ctx.db.query<{ srid: number; proj4text: string }>(
          'select srid, proj4text from spatial_ref_sys where srid between 910000 and 998999',
        )
      ).map((r) => [r.srid, r.proj4text]),
    )
    for (const crs of knownCrs().filter((c) => c.srid >= 910000))
      expect(defined.get(crs.srid), crs.name).toBe(crs.proj4)
  })

  it('lands VN-2000 coordinates within 1 m of proj4js with the same definition (TM-3, geographic, UTM)', async () => {
    const cases: { crs: string; xy: [number, number] }[] = []
    // a grid over the province in TM-3 104°45′, in VN-2000 geographic, and one zone over (105°30′)
    for (let e = 330_000; e <= 560_000; e += 46_000)
      for (let n = 2_380_000; n <= 2_530_000; n += 30_000)
        cases.push({ crs: 'VN2000-TM3-104.75', xy: [e, n] })
    for (const [lon, lat] of [
      [103.53, 22.79],
      [104.0, 22.5],
      [104.87, 21.7],
      [104.37, 21.35],
    ] as const) {
      cases.push({ crs: 'VN2000', xy: [lon, lat] })
      cases.push({
        crs: 'VN2000-UTM-48',
        xy: [400_000 + (lon - 104) * 100_000, 2_490_000 + (lat - 22.5) * 110_000],
      })
    }
    cases.push({ crs: 'VN2000-TM3-105.5', xy: [470_000, 2_520_000] })
    let worst = 0
    for (const { crs, xy } of cases) {
      const def = parseCrs(crs)!
      const [row] = await ctx.db.query<{ lon: number; lat: number }>(
        'select ST_X(p) as lon, ST_Y(p) as lat from ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), $3), 4326) p',
        [xy[0], xy[1], def.srid],
      )
      const reference = proj4(def.proj4, WGS84.proj4, xy)
      const d = metres([row.lon, row.lat], reference)
      worst = Math.max(worst, d)
      expect(d, `${crs} ${xy}`).toBeLessThan(1)
    }
    // in fact the two agree to well below a millimetre
    expect(worst).toBeLessThan(0.01)
    // and the datum shift itself is real: VN-2000 is not WGS84
    const shifted = proj4(VN2000.proj4, WGS84.proj4, [104, 22.5])
    expect(metres(shifted, [104, 22.5])).toBeGreaterThan(100)
  })

  it('places X ≈ 2 490 000 (northing), Y ≈ 423 000 (easting) of TM-3 104°45′ in Phường Lào Cai', async () => {
    const tm3 = vn2000Tm3(LAO_CAI_MERIDIAN)
    const [row] = await ctx.db.query<{ code: string }>(
      `select c.code from commune c
       where ST_Intersects(c.geom, ST_Transform(ST_SetSRID(ST_MakePoint(423000, 2490000), $1), 4326))`,
      [tm3.srid],
    )
    expect(row?.code).toBe('02647')
  })

  it('folds names in TypeScript exactly as import_fold and import_bare do in SQL', async () => {
    const samples = [
      'Phường Lào Cai',
      'XÃ BẢN XÈO',
      'Tổ dân phố số 3',
      'Thôn Đồng Tâm 2',
      'Hội LHPN, xã!',
      'Bản  Phìn Ngan',
      'TDP Kim Tân',
      'Tổ hòa giải ở cơ sở',
      'Ý Tý',
      'Đặc khu Bạch Long Vĩ',
      '  ',
      'Khu phố 5',
    ]
    const rows = await ctx.db.query<{ t: string; fold: string | null; bare: string | null }>(
      'select t, import_fold(t) as fold, import_bare(t) as bare from unnest($1::text[]) t',
      [samples],
    )
    for (const r of rows) {
      expect(sqlFold(r.t), r.t).toBe(r.fold)
      expect(sqlBare(r.t), r.t).toBe(r.bare)
    }
  })
})
