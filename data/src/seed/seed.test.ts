import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../db/index.ts'
import { backends, closeTestDbs, openTestDb, TEST_SEED } from '../testing/index.ts'
import { generateDemoRecords, type VillageContext } from './demo-records.ts'
import { demoSizeFromEnv, EMBEDDED_NATIONAL_SIZE } from './demo-size.ts'
import { digestOf } from './index.ts'
import { type CommuneInput, generateVillages } from './villages.ts'

describe.each(backends())('seeded data on the %s database', (backend) => {
  let db: Db
  beforeAll(async () => {
    db = await openTestDb(backend)
  })
  afterAll(closeTestDbs)

  const one = async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params))[0]

  it('holds the 99 communes of 2025, the 164 of 2008, the crosswalk, province and border', async () => {
    const row = await one<Record<string, number>>(
      `select (select count(*)::int from commune) as communes, (select count(*)::int from legacy_commune) as legacy,
              (select count(*)::int from commune_crosswalk) as crosswalk,
              (select count(*)::int from province where valid_to is null) as province,
              (select round(sum(ST_Length(geom::geography)) / 1000)::int from border_line) as border_km`,
    )
    expect(row).toMatchObject({ communes: 99, legacy: 164, province: 1 })
    expect(row.crosswalk).toBeGreaterThan(300)
    expect(row.border_km).toBeGreaterThan(160)
  })

  it('generates 1,500–2,500 villages, each inside its commune, with populations summing to the commune', async () => {
    const row = await one<{ n: number; outside: number; mismatched: number; no_polygon: number }>(
      `select (select count(*)::int from village) as n,
              (select count(*)::int from village v join commune c on c.code = v.commune_code where not ST_Intersects(c.geom, v.point)) as outside,
              (select count(*)::int from commune c where c.population <> (select sum(population) from village v where v.commune_code = c.code)) as mismatched,
              (select count(*)::int from village where geom is null) as no_polygon`,
    )
    expect(row.n).toBeGreaterThanOrEqual(1500)
    expect(row.n).toBeLessThanOrEqual(2500)
    expect(row).toMatchObject({ outside: 0, mismatched: 0, no_polygon: 0 })
  })

  it('tiles every commune with its village polygons: no cell lost by the clipping, none overlapping', async () => {
    // ST_Intersection can drop a piece silently on some PostGIS builds; the areas would then not add up.
    const rows = await db.query<{
      code: string
      commune_m2: number
      villages_m2: number
      overlap_m2: number
    }>(
      `select c.code, ST_Area(c.geom::geography) as commune_m2,
              (select sum(ST_Area(v.geom::geography)) from village v where v.commune_code = c.code) as villages_m2,
              (select coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
               from village a join village b on a.commune_code = c.code and b.commune_code = c.code
                and a.code < b.code and a.geom && b.geom) as overlap_m2
       from commune c`,
    )
    expect(rows).toHaveLength(99)
    for (const r of rows) {
      expect(Math.abs(r.villages_m2 - r.commune_m2) / r.commune_m2, r.code).toBeLessThan(1e-4)
      expect(r.overlap_m2 / r.commune_m2, r.code).toBeLessThan(1e-4)
    }
  })

  it('marks as border communes exactly those within the tolerance of the border line', async () => {
    const rows = await db.query<{ code: string; d: number; border: boolean }>(
      `select c.code, ST_Distance(c.geom::geography, (select ST_Union(geom)::geography from border_line)) as d,
              exists (select 1 from commune_area_class a where a.commune_code = c.code and a.class_code = 'border') as border
       from commune c`,
    )
    const border = rows.filter((r) => r.border)
    expect(border.length).toBeGreaterThanOrEqual(8)
    expect(border.map((r) => r.code)).toContain('02647') // Phường Lào Cai, on the Hồng river border
    for (const r of rows) expect(r.border).toBe(r.d <= 500)
    expect(rows.filter((r) => r.d > 20_000).every((r) => !r.border)).toBe(true)
  })

  it('finds the ten border communes of Lào Cai it found from the old provincial outline', async () => {
    const rows = await db.query<{ code: string }>(
      `select commune_code as code from commune_area_class where class_code = 'border' order by 1`,
    )
    expect(rows.map((r) => r.code)).toEqual([
      '02647',
      '02683',
      '02686',
      '02695',
      '02701',
      '02746',
      '02752',
      '02761',
      '02788',
      '02809',
    ])
  })

  it('computes a 1,000 m border belt inside the province', async () => {
    const row = await one<{ km2: number; inside: boolean }>(
      `select ST_Area(b.geom::geography) / 1e6 as km2,
              ST_Within(ST_Buffer(b.geom, -0.0001), p.geom) as inside
       from border_belt b, province p where p.valid_to is null`,
    )
    // about 169 km of border × 1 km, less where the belt folds on itself
    expect(row.km2).toBeGreaterThan(120)
    expect(row.km2).toBeLessThan(190)
    expect(row.inside).toBe(true)
  })

  it('has at least 20,000 incidents over at least 3 years, and records of every kind', async () => {
    const row = await one<Record<string, number>>(
      `select (select count(*)::int from incident) as incidents,
              (select (max(occurred_on) - min(occurred_on))::int from incident) as days,
              (select count(distinct type_code)::int from security_model) as types,
              (select count(*)::int from model_type) as all_types,
              (select count(*)::int from security_model where status = 'dissolved') as dissolved,
              (select count(*)::int from security_model where status = 'weak') as weak,
              (select count(*)::int from evaluation) as evaluations,
              (select count(*)::int from outreach_session) as outreach,
              (select count(*)::int from safety_certification) as certifications,
              (select count(*)::int from funding_allocation) as funding,
              (select count(*)::int from security_model sm join model_type t on t.code = sm.type_code
                 where t.border_only and not exists (select 1 from commune_area_class a where a.commune_code = sm.commune_code and a.class_code = 'border')) as misplaced_border_models`,
    )
    expect(row.incidents).toBeGreaterThanOrEqual(20_000)
    expect(row.days).toBeGreaterThanOrEqual(3 * 365)
    expect(row.types).toBe(row.all_types)
    expect(row.misplaced_border_models).toBe(0)
    for (const k of ['dissolved', 'weak', 'evaluations', 'outreach', 'certifications', 'funding'])
      expect(row[k]).toBeGreaterThan(0)
  })

  it('leaves the incidents with the indexes, foreign keys and triggers the migrations gave them', async () => {
    // the bulk load drops and rebuilds them (insert.ts, withoutUpkeep)
    const row = await one<{ indexes: string[]; keys: string[]; disabled: number; valid: boolean }>(
      `select (select array_agg(indexname::text order by indexname) from pg_indexes where tablename = 'incident') as indexes,
              (select array_agg(conname::text order by conname) from pg_constraint
                where conrelid = 'incident'::regclass and contype = 'f' and convalidated) as keys,
              (select count(*)::int from pg_trigger where tgrelid = 'incident'::regclass and not tgisinternal
                and tgenabled = 'D') as disabled,
              (select bool_and(indisvalid) from pg_index where indrelid = 'incident'::regclass) as valid`,
    )
    expect(row).toEqual({
      indexes: [
        'incident_category_date_idx',
        'incident_commune_date_idx',
        'incident_date_idx',
        'incident_pkey',
        'incident_point_idx',
        'incident_village_date_idx',
      ],
      keys: ['incident_category_code_fkey', 'incident_commune_code_fkey', 'incident_village_code_fkey'],
      disabled: 0,
      valid: true,
    })
  })

  it('leaves some border communes clearly under-covered', async () => {
    const rows = await db.query<{ code: string; coverage: number }>(
      `select code, village_coverage as coverage from unit_metrics('commune', '2025-07-01', '2026-06-30', null, array['active'], null, null, array['border'])`,
    )
    expect(rows.length).toBeGreaterThanOrEqual(8)
    expect(rows.some((r) => r.coverage < 0.75)).toBe(true)
    expect(rows.some((r) => r.coverage > 0.9)).toBe(true)
  })

  it('is reproducible: the stored digest is the digest of regenerating with the same seed', async () => {
    const stored = await one<{ digest: string }>(
      `select value #>> '{}' as digest from dataset_meta where key = 'digest'`,
    )
    const communes = (
      await db.query<{ code: string; type: CommuneInput['type']; population: number; geom: string }>(
        'select code, type, population, ST_AsGeoJSON(geom, 6) as geom from commune order by code',
      )
    ).map((r) => ({ ...r, geom: JSON.parse(r.geom).coordinates }))
    const villages = generateVillages(communes, TEST_SEED)
    expect(villages).toHaveLength((await one<{ n: number }>('select count(*)::int as n from village')).n)
    expect(generateVillages(communes, TEST_SEED + 1)).not.toEqual(villages)
    expect(stored.digest).toMatch(/^[0-9a-f]{64}$/)
  })

  it('generates about as many villages as DEMO_VILLAGES asks, at least three per commune', async () => {
    const communes = (
      await db.query<{ code: string; type: CommuneInput['type']; population: number; geom: string }>(
        'select code, type, population, ST_AsGeoJSON(geom, 6) as geom from commune order by code',
      )
    ).map((r) => ({ ...r, geom: JSON.parse(r.geom).coordinates }))
    const natural = generateVillages(communes, TEST_SEED).length
    const half = generateVillages(communes, TEST_SEED, Math.round(natural / 2))
    expect(Math.abs(half.length - natural / 2)).toBeLessThan(natural * 0.05)
    const few = generateVillages(communes, TEST_SEED, 1)
    expect(few).toHaveLength(3 * communes.length)
    // every commune's population still adds up exactly
    const sum = (vs: typeof few, code: string) =>
      vs.filter((v) => v.commune_code === code).reduce((s, v) => s + v.population, 0)
    for (const c of communes.slice(0, 10)) expect(sum(half, c.code)).toBe(c.population)
  })
})

describe('demo size', () => {
  const province = { code: '15', provinces: ['15'] }
  const national = { code: 'VN', provinces: null }
  it('is the natural size unless asked, and smaller for the whole country on the embedded database', () => {
    expect(demoSizeFromEnv({}, province, 'embedded')).toEqual({ villages: null, incidents: null })
    expect(demoSizeFromEnv({}, national, 'postgres')).toEqual({ villages: null, incidents: null })
    expect(demoSizeFromEnv({}, national, 'embedded')).toEqual(EMBEDDED_NATIONAL_SIZE)
    expect(demoSizeFromEnv({ DEMO_INCIDENTS: '10_000_000' }, national, 'postgres')).toEqual({
      villages: null,
      incidents: 10_000_000,
    })
  })
  it('refuses a size that is no whole number in range, naming the setting', () => {
    expect(() => demoSizeFromEnv({ DEMO_INCIDENTS: 'lots' }, province, 'postgres')).toThrow(
      /DEMO_INCIDENTS=lots/,
    )
    expect(() => demoSizeFromEnv({ DEMO_VILLAGES: '5' }, province, 'postgres')).toThrow(
      /DEMO_VILLAGES=5: expected/,
    )
    expect(() => demoSizeFromEnv({ DEMO_INCIDENTS: '1e9' }, province, 'postgres')).toThrow(/20,000,000/)
  })
})

describe('demo record generator', () => {
  const villages: VillageContext[] = Array.from({ length: 40 }, (_, i) => ({
    code: `0${1000 + Math.floor(i / 10)}-${String((i % 10) + 1).padStart(3, '0')}`,
    commune_code: `0${1000 + Math.floor(i / 10)}`,
    kind: i % 3 === 0 ? 'to_dan_pho' : 'ban',
    population: 500 + i * 20,
    lon: 104 + i * 0.01,
    lat: 22.3,
    border_distance_m: i * 500,
    gate_distance_m: 10_000,
    commune_classes: i < 10 ? ['border'] : [],
    under_covered: i >= 30,
  }))

  it('gives the same records for the same seed and different ones for another seed', () => {
    const a = generateDemoRecords(villages, 7)
    expect(digestOf([], generateDemoRecords(villages, 7))).toBe(digestOf([], a))
    expect(digestOf([], generateDemoRecords(villages, 8))).not.toBe(digestOf([], a))
  })

  it('draws exactly DEMO_INCIDENTS incidents when asked', () => {
    expect(generateDemoRecords(villages, 3, 1234).incidents).toHaveLength(1234)
    expect(generateDemoRecords(villages, 3, 0).incidents).toHaveLength(0)
  })

  it('never dates an evaluation before its model was founded or after it was dissolved', () => {
    const r = generateDemoRecords(villages, 3)
    const models = new Map(r.models.map((m) => [m.id, m]))
    for (const e of r.evaluations) {
      const m = models.get(e.model_id)!
      expect(e.evaluated_on >= m.founded_on).toBe(true)
      if (m.dissolved_on) expect(e.evaluated_on <= m.dissolved_on).toBe(true)
    }
  })
})
