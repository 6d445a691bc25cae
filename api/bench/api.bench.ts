/**
 * API benchmark: latency percentiles and throughput on loopback, for metrics, unit GeoJSON and tiles
 * (cold and warm), on the embedded database (a copy of the seeded test template) and, with DATABASE_URL,
 * on a PostgreSQL server. Bounded: every run stops after a fixed number of requests.
 *
 *   npx pnpm@10 bench                          # embedded
 *   DATABASE_URL=postgres://… npx pnpm@10 bench   # a seeded PostgreSQL + PostGIS server
 */
import { cpus, totalmem } from 'node:os'
import { openPostgres } from '@antt/data/db'
import { closeTestDbs, openTestDb, prepareTestDatabases } from '@antt/data/testing'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { createApp } from '../src/app.ts'
import { benchSignIn } from './backends.ts'
import { benchTileSql } from './tile-sql.ts'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 2000)

function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const x = Math.floor(((lon + 180) / 360) * n)
  const y = Math.floor(
    ((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n,
  )
  return [x, y]
}

/** Tiles at z8–z10 covering the province (about 103.5–105.1° E, 21.3–22.9° N). */
function provinceTiles(): string[] {
  const out: string[] = []
  for (const z of [8, 9, 10]) {
    const [x0, y0] = lonLatToTile(103.5, 22.9, z)
    const [x1, y1] = lonLatToTile(105.1, 21.3, z)
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(`${z}/${x}/${y}`)
  }
  return out
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

async function main() {
  const server = process.env.DATABASE_URL
  if (!server) await prepareTestDatabases()
  const db = server ? await openPostgres(server, { max: 20 }) : await openTestDb('embedded')
  const app = createApp(db)
  const { cookie } = await benchSignIn(app, 'leader')
  const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => http.once('listening', r))
  const port = (http.address() as { port: number }).port
  const base = `http://127.0.0.1:${port}`
  const rows: string[] = []

  const run = async (name: string, paths: string[], connections = CONNECTIONS, amount = AMOUNT) => {
    let i = 0
    const result = await autocannon({
      url: base,
      connections,
      amount,
      headers: { cookie, 'accept-encoding': 'gzip' },
      requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
    })
    const l = result.latency
    rows.push(
      `| ${name} | ${connections} | ${result.requests.total} | ${l.p50} | ${l.p97_5 ?? '–'} | ${l.p99} | ${connections === 1 ? '–' : Math.round(result.requests.total / result.duration)} | ${result.errors + result.non2xx} |`,
    )
    console.log(rows[rows.length - 1])
  }

  const timeOnce = async (path: string) => {
    const t0 = performance.now()
    const res = await fetch(base + path, { headers: { cookie, 'accept-encoding': 'gzip' } })
    await res.arrayBuffer()
    return performance.now() - t0
  }

  // Cold: each tile requested once, sequentially, on a fresh cache.
  const tiles = provinceTiles()
  const cold: number[] = []
  for (const t of tiles) cold.push(await timeOnce(`/tiles/communes/${t}.mvt`))
  const coldRow = `| communes tiles z8–z10, cold (sequential, ${tiles.length} tiles) | 1 | ${tiles.length} | ${pct(cold, 50).toFixed(1)} | ${pct(cold, 95).toFixed(1)} (p95) | ${pct(cold, 99).toFixed(1)} | – | 0 |`
  rows.push(coldRow)
  console.log(coldRow)

  // Metrics with a different period each time (no cache hits), then the same query (cached).
  const periods = Array.from({ length: 400 }, (_, k) => {
    const d = new Date(Date.UTC(2025, 6, 1 + k))
    return `/api/metrics?level=commune&from=2024-07-01&to=${d.toISOString().slice(0, 10)}`
  })
  const uncached: number[] = []
  for (const p of periods.slice(0, 60)) uncached.push(await timeOnce(p))
  rows.push(
    `| metrics, commune, uncached (sequential, 60 periods) | 1 | 60 | ${pct(uncached, 50).toFixed(1)} | ${pct(uncached, 95).toFixed(1)} (p95) | ${pct(uncached, 99).toFixed(1)} | – | 0 |`,
  )
  console.log(rows[rows.length - 1])
  // Each case twice: one connection for latency as a user sees it, then CONNECTIONS for throughput and errors.
  const both = async (name: string, paths: string[], amount = AMOUNT) => {
    await run(name, paths, 1, Math.min(amount, 300))
    await run(name, paths, CONNECTIONS, amount)
  }
  await both('metrics, commune, repeated query', ['/api/metrics?level=commune'])
  await both('units GeoJSON, communes, simplified', ['/api/units?level=commune&simplify=0.0005'], 500)
  await both(
    'communes tiles z8–z10, warm',
    tiles.map((t) => `/tiles/communes/${t}.mvt`),
  )
  await both('health (framework floor)', ['/api/health'])

  // A tile's API time against its SQL alone, tile cache emptied before each request.
  const sqlCases = [
    { layer: 'communes', z: 8, x: 201, y: 112 },
    { layer: 'communes', z: 10, x: 807, y: 446 },
    { layer: 'villages', z: 12, x: 3229, y: 1785 },
    { layer: 'incident_hex', z: 10, x: 807, y: 446 },
  ]
  const ratios = await benchTileSql(
    db,
    (path) => Promise.resolve(app.request(path, { headers: { cookie } })),
    sqlCases,
    { runs: 7, filters: { from: '2025-07-01', to: '2026-06-30', categories: null } },
  )

  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  )
  console.log(`database: ${db.kind}${server ? ` (${server.replace(/\/\/[^@]*@/, '//')})` : ''}`)
  console.log(
    '| case | connections | requests | p50 ms | p95/p97.5 ms | p99 ms | req/s | errors |\n|---|---|---|---|---|---|---|---|',
  )
  console.log(rows.join('\n'))
  console.log('\n| tile | SQL ms (median) | API ms (median) | API / SQL | status |\n|---|---|---|---|---|')
  for (const r of ratios)
    console.log(
      `| ${r.layer} ${r.z}/${r.x}/${r.y} | ${r.sqlMs.toFixed(1)} | ${r.apiMs.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.status} |`,
    )
  http.close()
  if (server) await db.close()
  else await closeTestDbs()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
