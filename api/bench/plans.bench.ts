// Times POST /api/plans/optimize (maximal covering solved by HiGHS in its worker thread) for N = 5, 20, 50 new
// security cameras (radius 1,000 m, demand = residents, and demand = incidents) over all villages of the
// province and over the border communes, through the app as a signed-in administrator, on the databases of
// benchBackends(): a copy of the seeded embedded template and, when DATABASE_URL is set, that server (migrated
// and seeded).
//
//   npx tsx api/bench/plans.bench.ts
//   DATABASE_URL=postgres://… npx tsx api/bench/plans.bench.ts
//
// Per row: the solver's time for the N-model integer program (HiGHS, in the worker, from the greedy start),
// the whole request (planning area from PostGIS when not memoised, greedy, the N-model solve, and the curve
// 1…N, which solves N − 1 more programs), the status and the optimum against greedy. Prints a Markdown table.
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Db } from '@antt/data/db'
import { createApp } from '../src/app.ts'
import { benchBackends, benchSignIn } from './backends.ts'

const PERIOD = { from: '2025-07-01', to: '2026-06-30' }
const COUNTS = [5, 20, 50]

async function signIn(db: Db) {
  const app = createApp(db)
  const { cookie, csrf } = await benchSignIn(app, 'admin')
  return async (body: unknown) => {
    const t = performance.now()
    const r = await app.request('/api/plans/optimize', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const json = (await r.json()) as {
      coverage: Record<string, string[]>
      solver_time_ms: number
      status: string
      objective: number
      greedy_objective: number
    }
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(json)}`)
    return { ms: performance.now() - t, body: json }
  }
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)

async function bench(name: string, db: Db) {
  const post = await signIn(db)
  const [border] = await db.query<{ codes: string[] }>(
    `select array_agg(commune_code order by commune_code) as codes from commune_area_class where class_code = 'border'`,
  )
  const areas: [string, string[] | null][] = [
    ['all 2,225 villages', null],
    [`border communes (${border.codes.length})`, border.codes],
  ]
  for (const demand of ['population', 'incidents'] as const)
    for (const [areaName, communes] of areas)
      for (const count of COUNTS) {
        const { ms, body } = await post({
          model_type: 'camera_an_ninh',
          radius_m: 1000,
          count,
          demand,
          communes,
          ...PERIOD,
          time_limit_s: 30,
        })
        const gain = body.greedy_objective > 0 ? (body.objective / body.greedy_objective - 1) * 100 : 0
        console.log(
          `| ${name} | ${areaName} | ${demand} | ${count} | ${Object.keys(body.coverage).length} | ${fmt(body.solver_time_ms)} | ${fmt(ms)} | ${body.status} | ${body.objective} | ${body.greedy_objective} (+${gain.toFixed(2)} %) |`,
        )
      }
}

async function main() {
  console.log(
    `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${new Date().toISOString()}`,
  )
  console.log(
    '| database | area | demand | N | candidates | N-model solve | request (with curve) | status | optimum | greedy |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const b of benchBackends()) {
    const { db, close } = await b.open()
    try {
      await bench(b.name, db)
    } finally {
      await close()
    }
  }
  process.exit(0)
}

await main()
