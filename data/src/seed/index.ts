import { createHash } from 'node:crypto'
import { createRng } from '@antt/analysis'
import { createDemoAccounts, DEFAULT_DEMO_PASSWORD } from '../accounts/users.ts'
import { type Db, distributeOnCitus, type Queryable } from '../db/index.ts'
import { type Area, areaFromEnv } from '../sources/area.ts'
import type { FetchOptions } from '../sources/fetch.ts'
import { type MissingLayer, resolveLayers } from '../sources/layers.ts'
import { readManifest } from '../sources/manifest.ts'
import { assignAreaClasses, assignGateClasses } from './area-classes.ts'
import { placeBorderFeatures } from './border-features.ts'
import { loadBoundaries } from './boundaries.ts'
import {
  DEMO_PERIOD,
  DemoIncidents,
  type DemoRecords,
  generateDemoRecords,
  type VillageContext,
} from './demo-records.ts'
import { type DemoSize, demoSizeFromEnv } from './demo-size.ts'
import { insertRows, POINT_FROM_LONLAT, withoutUpkeep } from './insert.ts'
import { type CommuneInput, type GeneratedVillage, generateVillages } from './villages.ts'

export const DEFAULT_SEED = 20250701

export interface SeedOptions extends FetchOptions {
  /** the provinces to load (default: AREA, see sources/area.ts) */
  area?: Area
  seed?: number
  /** password of the demo accounts (one per role); default DEFAULT_DEMO_PASSWORD */
  demoPassword?: string
  /** generate villages and security records (default true); false loads only the real boundaries */
  demo?: boolean
  /** how many villages and incidents (default: DEMO_VILLAGES, DEMO_INCIDENTS, see demo-size.ts) */
  size?: DemoSize
}

export interface SeedReport {
  seed: number
  demo: boolean
  digest: string | null
  counts: Record<string, number>
  /** optional layers that could not be had, with how to supply them */
  missing: MissingLayer[]
  ms: number
}

export async function isSeeded(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from commune')
  return row.n > 0
}

/**
 * SHA-256 of generated data, as a reproducibility check for a given seed: record by record, since the whole
 * as one JSON text exceeds the longest string V8 can make at the national size.
 */
export function digestOf(villages: readonly GeneratedVillage[], records: DemoRecords): string {
  const hash = createHash('sha256')
  for (const v of villages) hash.update(JSON.stringify(v))
  for (const [kind, rows] of Object.entries(records)) {
    hash.update(kind)
    const chunks = rows instanceof DemoIncidents ? rows.chunks() : [rows as unknown[]]
    for (const chunk of chunks) for (const r of chunk) hash.update(JSON.stringify(r))
  }
  return hash.digest('hex')
}

async function readCommunes(tx: Queryable): Promise<CommuneInput[]> {
  const rows = await tx.query<{ code: string; type: CommuneInput['type']; population: number; geom: string }>(
    'select code, type, population, ST_AsGeoJSON(geom, 6) as geom from commune order by code',
  )
  return rows.map((r) => ({ ...r, geom: JSON.parse(r.geom).coordinates }))
}

/**
 * Some border and remote communes are deliberately left under-covered in the demo data:
 * two in five border communes (rounded up), about one in seven remote ones, one in twenty-five others.
 */
async function pickUnderCovered(tx: Queryable, seed: number): Promise<string[]> {
  const rows = await tx.query<{ code: string; border: boolean; remote: boolean }>(
    `select c.code,
            exists (select 1 from commune_area_class a where a.commune_code = c.code and a.class_code = 'border') as border,
            exists (select 1 from commune_area_class a where a.commune_code = c.code and a.class_code = 'remote') as remote
     from commune c order by c.code`,
  )
  const rng = createRng(seed ^ 0xc0de)
  const drawn = rows.map((r) => ({ ...r, u: rng.next() }))
  const border = drawn.filter((r) => r.border).sort((a, b) => a.u - b.u)
  const picked = border.slice(0, Math.ceil(border.length * 0.4))
  return [...picked, ...drawn.filter((r) => !r.border && r.u < (r.remote ? 0.15 : 0.04))]
    .map((r) => r.code)
    .sort()
}

async function readVillageContext(tx: Queryable, under: Set<string>): Promise<VillageContext[]> {
  const rows = await tx.query<Omit<VillageContext, 'under_covered'>>(
    `select v.code, v.commune_code, v.kind, v.population, ST_X(v.point) as lon, ST_Y(v.point) as lat,
            v.border_distance_m,
            coalesce((select ST_Distance(v.point::geography, f.geom::geography) from border_feature f
                      where f.kind like 'gate%' order by f.geom <-> v.point limit 1), 1e9) as gate_distance_m,
            coalesce((select array_agg(class_code order by class_code) from commune_area_class a
                      where a.commune_code = v.commune_code), '{}') as commune_classes
     from village v order by v.code`,
  )
  return rows.map((r) => ({ ...r, under_covered: under.has(r.commune_code) }))
}

async function insertDemoRecords(tx: Queryable, r: DemoRecords): Promise<void> {
  await insertRows(
    tx,
    'security_model',
    {
      columns: {
        id: 'text',
        name: 'text',
        type_code: 'text',
        commune_code: 'text',
        village_code: 'text',
        lead_org_code: 'text',
        founded_on: 'date',
        members: 'int',
        equipment: 'text',
        exemplary: 'boolean',
        status: 'text',
        dissolved_on: 'date',
        dissolved_reason: 'text',
      },
      inputs: { lon: 'float8', lat: 'float8' },
      computed: { point: POINT_FROM_LONLAT },
      province: 'commune',
    },
    r.models,
  )
  await tx.query(
    `update security_model m set replicated_from = r.replicated_from
     from json_to_recordset($1::json) as r(id text, replicated_from text) where m.id = r.id`,
    [
      JSON.stringify(
        r.models.filter((m) => m.replicated_from).map(({ id, replicated_from }) => ({ id, replicated_from })),
      ),
    ],
  )
  await insertRows(
    tx,
    'security_model_status',
    {
      columns: { model_id: 'text', status: 'text', valid_from: 'date', valid_to: 'date', reason: 'text' },
      province: 'model',
    },
    r.statuses,
  )
  await insertRows(
    tx,
    'evaluation',
    {
      columns: { id: 'text', model_id: 'text', evaluated_on: 'date', rating_code: 'text', evaluator: 'text' },
      province: 'model',
    },
    r.evaluations,
    20_000,
  )
  // Incidents stream from their columns to COPY, a chunk at a time (ten million would not fit as objects).
  const provinceOf = new Map(
    (await tx.query<{ code: string; province_code: string }>('select code, province_code from commune')).map(
      (c) => [c.code, c.province_code],
    ),
  )
  // The province is written with each row, so its trigger waits, with the indexes and foreign keys, until all
  // are in (1 million incidents of one province: 74.0 s → 17.5 s, BENCHMARKS.md).
  await withoutUpkeep(tx, 'incident', ['incident_province_code'], async () => {
    for (const chunk of r.incidents.chunks())
      await tx.copyIn(
        'incident',
        [
          'id',
          'category_code',
          'occurred_on',
          'commune_code',
          'village_code',
          'severity',
          'precision',
          'point',
          'province_code',
        ],
        chunk.map((i) => [
          i.id,
          i.category_code,
          i.occurred_on,
          i.commune_code,
          i.village_code,
          i.severity,
          i.precision,
          `SRID=4326;POINT(${i.lon} ${i.lat})`,
          provinceOf.get(i.commune_code) ?? null,
        ]),
      )
    // A jittered point that fell outside its commune goes back to the village centre.
    await tx.query(
      `update incident i set point = v.point, precision = 'approximate'
       from village v, commune c
       where v.code = i.village_code and c.code = i.commune_code and not ST_Intersects(c.geom, i.point)`,
    )
  })
  await tx.query(
    `update security_model m set point = v.point
     from village v, commune c
     where v.code = m.village_code and c.code = m.commune_code and not ST_Intersects(c.geom, m.point)`,
  )
  await tx.query(
    `update security_model m set point = c.label_point
     from commune c where c.code = m.commune_code and not ST_Intersects(c.geom, m.point)`,
  )
  await insertRows(
    tx,
    'outreach_session',
    {
      columns: {
        id: 'text',
        commune_code: 'text',
        village_code: 'text',
        held_on: 'date',
        topic: 'text',
        lead_org_code: 'text',
        attendees: 'int',
      },
      province: 'commune',
    },
    r.outreach,
  )
  await insertRows(
    tx,
    'safety_certification',
    {
      columns: {
        id: 'text',
        subject_kind: 'text',
        subject_name: 'text',
        commune_code: 'text',
        village_code: 'text',
        year: 'int',
        certified: 'boolean',
      },
      province: 'commune',
    },
    r.certifications,
  )
  await insertRows(
    tx,
    'funding_allocation',
    {
      columns: {
        id: 'text',
        commune_code: 'text',
        model_id: 'text',
        year: 'int',
        amount_vnd: 'bigint',
        source: 'text',
        purpose: 'text',
      },
      province: 'commune',
    },
    r.funding,
  )
  await insertRows(
    tx,
    'prestige_count',
    { columns: { village_code: 'text', year: 'int', people: 'int' } },
    r.prestige,
  )
}

async function insertVillages(tx: Queryable, villages: readonly GeneratedVillage[]): Promise<void> {
  await insertRows(
    tx,
    'village',
    {
      columns: {
        code: 'text',
        commune_code: 'text',
        name: 'text',
        kind: 'text',
        population: 'int',
        households: 'int',
      },
      inputs: { lon: 'float8', lat: 'float8' },
      computed: { point: POINT_FROM_LONLAT },
    },
    villages,
  )
  // Village polygons: Voronoi cells of the village points, clipped to their commune.
  await tx.query(
    `with cells as (
       select c.code, (ST_Dump(ST_VoronoiPolygons(ST_Collect(v.point), 0, ST_Envelope(ST_Buffer(c.geom, 0.05))))).geom as cell
       from commune c join village v on v.commune_code = c.code
       group by c.code, c.geom
     )
     update village v
     set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(cells.cell, c.geom)), 3))
     from cells, commune c
     where cells.code = v.commune_code and c.code = v.commune_code and ST_Intersects(cells.cell, v.point)`,
  )
  await tx.query(`update village set geom = null where ST_IsEmpty(geom)`)
  await tx.query(`update village set area_km2 = ST_Area(geom::geography) / 1e6 where geom is not null`)
}

/** The tables the demo data loads in bulk, whose aggregates' upkeep waits until they are loaded. */
const BULK_LOADED = ['village', 'security_model', 'security_model_status', 'evaluation', 'incident']

/** Seeds an empty, migrated database: real boundaries, then (unless demo is false) generated demo data. */
export async function seed(db: Db, opts: SeedOptions = {}): Promise<SeedReport> {
  const t0 = Date.now()
  const seedValue = opts.seed ?? DEFAULT_SEED
  const demo = opts.demo ?? true
  const manifest = readManifest()
  const area = opts.area ?? areaFromEnv(process.env, manifest.area)
  const size = opts.size ?? demoSizeFromEnv(process.env, area, db.kind)
  const { files, missing } = await resolveLayers(db, area, opts, manifest)
  let digest: string | null = null
  const log = opts.log ?? ((line: string) => console.log(line))
  let t = Date.now()
  /** One line per step of the seed with its time, so that a slow first start says where it is. */
  const step = (what: string) => {
    log(`  ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
    t = Date.now()
  }
  await db.transaction(async (tx) => {
    await loadBoundaries(tx, files, area, manifest.area)
    await tx.query('refresh materialized view area_outline')
    step('boundaries loaded')
    await tx.query('select compute_border_areas()')
    await assignAreaClasses(tx)
    await placeBorderFeatures(tx)
    await assignGateClasses(tx)
    step('border areas and area classes')
    if (demo) {
      // the aggregates' upkeep off while the records load in chunks, and everything built once after them
      // (sql/functions/10_aggregates.sql)
      await tx.query('select set_aggregate_upkeep($1, false)', [BULK_LOADED])
      const villages = generateVillages(await readCommunes(tx), seedValue, size.villages)
      await insertVillages(tx, villages)
      step(`${villages.length} demo villages`)
      await tx.query('select compute_border_areas()')
      const under = new Set(await pickUnderCovered(tx, seedValue))
      const records = generateDemoRecords(await readVillageContext(tx, under), seedValue, size.incidents)
      step(`${records.incidents.length} demo incidents and ${records.models.length} models generated`)
      await insertDemoRecords(tx, records)
      step('demo records inserted')
      await tx.query('select set_aggregate_upkeep($1, true)', [BULK_LOADED])
      await tx.query('select rebuild_aggregates()')
      step('pre-aggregates built')
      digest = digestOf(villages, records)
      await tx.query(`insert into dataset_meta (key, value) values ('under_covered_demo', $1::jsonb)`, [
        JSON.stringify([...under]),
      ])
      // the whole country: also a provincial leader, of the default province (Lào Cai, on the border)
      await createDemoAccounts(
        tx,
        opts.demoPassword ?? DEFAULT_DEMO_PASSWORD,
        area.provinces === null ? manifest.area.default : undefined,
      )
    }
    const meta = {
      area,
      demo,
      seed: seedValue,
      digest,
      period: demo ? DEMO_PERIOD : null,
      demo_size: demo ? size : null,
      missing_layers: missing.map(({ id, path, what, hint }) => ({ id, path, what, hint })),
      seeded_at: new Date().toISOString(),
    }
    for (const [key, value] of Object.entries(meta))
      await tx.query(
        `insert into dataset_meta (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value`,
        [key, JSON.stringify(value)],
      )
  })
  // Planner statistics and the visibility map now, not whenever autovacuum gets to it (the embedded database
  // has none): without statistics the metrics query plans about twice as slowly, and the updates above leave
  // dead rows behind.
  await db.exec('vacuum analyze')
  // on a Citus coordinator the tables are distributed now, with their data (data/src/db/citus.ts)
  await distributeOnCitus(db)
  const counts: Record<string, number> = {}
  for (const t of [
    'commune',
    'legacy_commune',
    'village',
    'security_model',
    'evaluation',
    'incident',
    'outreach_session',
    'safety_certification',
    'funding_allocation',
    'border_feature',
  ]) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${t}`)
    counts[t] = row.n
  }
  return { seed: seedValue, demo, digest, counts, missing, ms: Date.now() - t0 }
}
