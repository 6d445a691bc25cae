// National benchmark: the whole country (AREA=VN) on a seeded PostgreSQL server, through the app as a signed-in
// administrator (one transaction per request, row-level security on), sequentially, one request at a time; the
// commune metrics also as an aggregate-only role and as a provincial leader.
//
//   DATABASE_URL=postgres://…/antt_vn npx tsx api/bench/national.bench.ts
//
// With DATABASE_URL at a Citus coordinator it measures the cluster: the same requests, the same app.
//
// The database must be seeded with AREA=VN (e.g. `AREA=VN DEMO_INCIDENTS=… npx pnpm@10 start` once). Periods
// are drawn so that no two requests ask for the same one (the metrics are memoised per query); tiles are each
// asked for once on a fresh app (cold: rendered from the database), then again (warm: from the tile cache).
// Prints a Markdown table with the data size and the machine.
import { cpus, loadavg, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'
import { openPostgres } from '@antt/data/db'
import { createApp } from '../src/app.ts'
import { benchSignIn } from './backends.ts'

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL: a PostgreSQL server seeded with AREA=VN')
const RUNS = Number(process.env.BENCH_RUNS ?? 20)

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const r = (lat * Math.PI) / 180
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  ]
}

/** Every tile at z over the mainland's extent (102.1–109.5° E, 8.5–23.4° N). */
function countryTiles(z: number): string[] {
  const [x0, y0] = tileOf(102.1, 23.4, z)
  const [x1, y1] = tileOf(109.5, 8.5, z)
  const out: string[] = []
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(`${z}/${x}/${y}`)
  return out
}

async function main() {
  const db = await openPostgres(url as string, { max: 4 })
  const [area] = await db.query<{ code: string }>(
    `select value->>'code' as code from dataset_meta where key = 'area'`,
  )
  if (area?.code !== 'VN') throw new Error(`the database holds AREA=${area?.code}, not VN`)
  const [size] = await db.query<Record<string, number>>(
    `select (select count(*)::int from commune) as communes, (select count(*)::int from village) as villages,
            (select count(*)::int from incident) as incidents, (select count(*)::int from security_model) as models,
            (select count(*)::int from evaluation) as evaluations`,
  )
  const fresh = async (user = 'admin') => {
    const app = createApp(db)
    const { cookie } = await benchSignIn(app, user)
    return async (path: string) => {
      const t0 = performance.now()
      const r = await app.request(path, { headers: { cookie } })
      await r.arrayBuffer()
      // 204: a tile with nothing in it (sea, beyond the border)
      if (r.status !== 200 && r.status !== 204) throw new Error(`${path}: ${r.status}`)
      return performance.now() - t0
    }
  }
  const rows: string[] = []
  const report = (name: string, ms: number[]) => {
    rows.push(
      `| ${name} | ${ms.length} | ${pct(ms, 50).toFixed(0)} | ${pct(ms, 95).toFixed(0)} | ${Math.max(...ms).toFixed(0)} |`,
    )
    console.log(rows[rows.length - 1])
  }
  // a period never asked before: from the first of one of 36 months, 3 to 11 whole months long; distinct for
  // k < 324, and the series below (0…, 100…, 200…, 220…, 260…) never meet (a repeat would be answered from the memo)
  const period = (k: number) => {
    const from = new Date(Date.UTC(2022, 0 + (k % 36), 1))
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 3 + (Math.floor(k / 36) % 9), 0))
    return `from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`
  }
  const get = await fresh()
  await get('/api/metrics?level=commune') // connections opened, PostGIS loaded
  for (const level of ['commune', 'province']) {
    const ms: number[] = []
    for (let k = 0; k < RUNS; k++)
      ms.push(await get(`/api/metrics?level=${level}&${period(k + (level === 'province' ? 100 : 0))}`))
    report(`metrics, ${level} level, whole country, a new period each time`, ms)
  }
  // the same question as an aggregate-only role (briefer): the counts it may not see are worked out from every
  // village's count in the period first (api/src/services/withheld-units.ts); and as the provincial leader,
  // whose scope is one province (on a Citus cluster, one shard)
  for (const [user, series, what] of [
    ['briefer', 220, 'whole country, as an aggregate-only role (briefer)'],
    ['provincial', 260, 'one province, as its provincial leader'],
  ] as const) {
    const asUser = await fresh(user)
    await asUser('/api/metrics?level=commune')
    const ms: number[] = []
    for (let k = 0; k < Math.min(RUNS, 20); k++)
      ms.push(await asUser(`/api/metrics?level=commune&${period(series + k)}`))
    report(`metrics, commune level, ${what}, a new period each time`, ms)
  }
  for (const z of [6, 7, 8]) {
    const tiles = countryTiles(z)
    const tile = await fresh()
    const cold: number[] = []
    for (const t of tiles) cold.push(await tile(`/tiles/communes/${t}.mvt`))
    report(`commune tiles z${z} over the country, cold`, cold)
    const warm: number[] = []
    for (const t of tiles) warm.push(await tile(`/tiles/communes/${t}.mvt`))
    report(`commune tiles z${z} over the country, warm`, warm)
  }
  const gi: number[] = []
  for (let k = 0; k < Math.min(RUNS, 5); k++) {
    const stats = await fresh()
    await stats(`/api/metrics?level=commune&${period(200 + k)}`)
    await stats('/api/stats/neighbors?level=commune')
    gi.push(
      await stats(
        `/api/stats/hotspots?level=commune&metric=incident_rate_per_1000&${period(200 + k)}&permutations=999&seed=1`,
      ),
    )
  }
  report(
    'hot spots over 3,321 communes, Gi* and local Moran, 999 permutations (metrics and neighbours memoised)',
    gi,
  )

  console.log(`\n| request | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n${rows.join('\n')}`)
  console.log(
    `\ndata: ${Object.entries(size)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}`,
  )
  // the same benchmark on a Citus coordinator measures the cluster (BENCHMARKS.md, one server against Citus)
  const [citus] = await db.query(`select 1 from pg_extension where extname = 'citus'`)
  const [engine] = citus
    ? await db.query<{ workers: number }>(
        'select count(*)::int as workers from pg_dist_node where groupid > 0',
      )
    : [{ workers: null }]
  console.log(
    `database: ${engine.workers === null ? 'one PostgreSQL server' : `Citus, coordinator and ${engine.workers} workers`}`,
  )
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  )
  await db.close()
}

await main()
