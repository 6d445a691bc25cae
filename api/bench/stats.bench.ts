// Times the statistics endpoints (contiguity, hot spots with 999 permutations, priorities, period comparison,
// and the rest of /api/stats) for the 99 communes and for all villages, through the app as a signed-in
// administrator (one transaction per request, row-level security on), on the embedded database (a copy of the
// seeded test template) and, when DATABASE_URL is set, on that server (it must be migrated and seeded).
//
//   npx tsx api/bench/stats.bench.ts            # embedded only
//   DATABASE_URL=postgres://… npx tsx api/bench/stats.bench.ts
//   BENCH_RUNS=5 npx tsx api/bench/stats.bench.ts
//
// "cold" is the first request on a fresh app (no memoised results; neighbour lists and metrics computed);
// "warm" repeats it (memoised). Each cell is the median of BENCH_RUNS fresh apps. Prints a Markdown table.
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { getisOrdGiStar, localMoran, type SpatialWeights, weightsFromNeighbours } from '@antt/analysis'
import type { Db } from '@antt/data/db'
import { createApp } from '../src/app.ts'
import { benchBackends, benchSignIn } from './backends.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const PERIOD = 'from=2025-07-01&to=2026-06-30'
const COMPARE = 'a_from=2024-07-01&a_to=2025-06-30&b_from=2025-07-01&b_to=2026-06-30'

type App = ReturnType<typeof createApp>

interface Step {
  name: string
  path: (level: string) => string
}

// In this order on one fresh app, so later steps find the metrics and neighbour lists memoised and time
// their own work: hot spots = statistics only, priorities = incident counts + EB + Gi* + scoring.
const STEPS: Step[] = [
  { name: 'metrics (unit_metrics, prerequisite)', path: (l) => `/api/metrics?level=${l}&${PERIOD}` },
  { name: 'neighbours (PostGIS contiguity)', path: (l) => `/api/stats/neighbors?level=${l}` },
  {
    name: 'hot spots: Gi* + local Moran, 999 permutations',
    path: (l) =>
      `/api/stats/hotspots?level=${l}&metric=incident_rate_per_1000&${PERIOD}&permutations=999&seed=1`,
  },
  {
    name: 'hot spots on the EB rate, 999 permutations',
    path: (l) => `/api/stats/hotspots?level=${l}&metric=incident_rate_eb&${PERIOD}&permutations=999&seed=1`,
  },
  { name: 'priorities (default weights)', path: (l) => `/api/priorities?level=${l}&${PERIOD}` },
  { name: 'compare two 12-month periods', path: (l) => `/api/compare?level=${l}&${COMPARE}` },
  { name: 'rates (raw + EB)', path: (l) => `/api/stats/rates?level=${l}&${PERIOD}` },
  {
    name: 'classify (Fisher–Jenks, k = 5)',
    path: (l) => `/api/stats/classify?level=${l}&metric=incident_rate_per_1000&${PERIOD}&method=jenks&k=5`,
  },
  { name: 'coverage (standard set, replication)', path: (l) => `/api/stats/coverage?level=${l}&${PERIOD}` },
]

async function signIn(app: App) {
  const { cookie } = await benchSignIn(app, 'admin')
  return async (path: string): Promise<Response> => app.request(path, { headers: { cookie } })
}

async function timed(get: (path: string) => Promise<Response>, path: string): Promise<number> {
  const t = performance.now()
  const res = await get(path)
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
  return performance.now() - t
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

type Cells = Map<string, { cold: number; warm: number }>

async function benchDb(db: Db, level: string): Promise<Cells> {
  const samples = new Map<string, { cold: number[]; warm: number[] }>()
  for (let run = 0; run < RUNS; run++) {
    const get = await signIn(createApp(db))
    for (const step of STEPS) {
      const cold = await timed(get, step.path(level))
      const warm = await timed(get, step.path(level))
      const s = samples.get(step.name) ?? { cold: [], warm: [] }
      s.cold.push(cold)
      s.warm.push(warm)
      samples.set(step.name, s)
    }
  }
  const out: Cells = new Map()
  for (const [name, s] of samples) out.set(name, { cold: median(s.cold), warm: median(s.warm) })
  return out
}

/** The statistics alone, in process: Gi* and local Moran with 999 permutations on the same weights. */
async function benchAnalysis(db: Db, level: string): Promise<{ n: number; links: number; ms: number }> {
  const get = await signIn(createApp(db))
  const nb = (await (await get(`/api/stats/neighbors?level=${level}`)).json()) as Record<string, string[]>
  const m = (await (await get(`/api/metrics?level=${level}&${PERIOD}`)).json()) as {
    rows: { code: string; incident_rate_per_1000: number | null }[]
  }
  const rows = m.rows.filter((r) => r.incident_rate_per_1000 !== null)
  const w: SpatialWeights = weightsFromNeighbours(nb, { ids: rows.map((r) => r.code) })
  const x = rows.map((r) => r.incident_rate_per_1000 as number)
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now()
    getisOrdGiStar(x, w, { permutations: 999, seed: 1 })
    localMoran(x, w, { permutations: 999, seed: 1 })
    times.push(performance.now() - t)
  }
  return { n: x.length, links: w.neighbours.length / 2, ms: median(times) }
}

const fmt = (ms: number | undefined) =>
  ms === undefined ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`

async function main() {
  const backends = benchBackends()

  const results = new Map<string, Map<string, Cells>>() // backend → level → cells
  const analysis = new Map<string, Map<string, { n: number; links: number; ms: number }>>()
  for (const b of backends) {
    process.stderr.write(`${b.name}: opening…\n`)
    const { db, close } = await b.open()
    try {
      const byLevel = new Map<string, Cells>()
      const an = new Map<string, { n: number; links: number; ms: number }>()
      for (const level of ['commune', 'village']) {
        process.stderr.write(`${b.name}: ${level}…\n`)
        byLevel.set(level, await benchDb(db, level))
        an.set(level, await benchAnalysis(db, level))
      }
      results.set(b.name, byLevel)
      analysis.set(b.name, an)
    } finally {
      await close()
    }
  }

  const names = [...results.keys()]
  const lines: string[] = []
  lines.push(
    `Statistics endpoints, median of ${RUNS} fresh apps (cold = first request, warm = memoised repeat); ` +
      `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end.`,
    '',
  )
  const header = ['statistic', 'level', ...names.flatMap((n) => [`${n} cold`, `${n} warm`])]
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`)
  for (const level of ['commune', 'village']) {
    for (const step of STEPS) {
      const cells = names.flatMap((n) => {
        const c = results.get(n)?.get(level)?.get(step.name)
        return [fmt(c?.cold), fmt(c?.warm)]
      })
      lines.push(`| ${step.name} | ${level} | ${cells.join(' | ')} |`)
    }
    const cells = names.flatMap((n) => {
      const a = analysis.get(n)?.get(level)
      return [a ? `${fmt(a.ms)} (n = ${a.n}, ${a.links} links)` : '–', '']
    })
    lines.push(
      `| analysis only: Gi* + local Moran, 999 permutations, in process | ${level} | ${cells.join(' | ')} |`,
    )
  }
  console.log(lines.join('\n'))
}

await main()
