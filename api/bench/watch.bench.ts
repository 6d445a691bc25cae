// Times the emerging hot spot analysis (communes over 48 months, villages over 24 months) through the app,
// and a full evaluation of ten alert rules (every condition, both levels), on the embedded database (a copy of
// the seeded test template) and, when DATABASE_URL is set, on that server (migrated and seeded).
//
//   npx tsx api/bench/watch.bench.ts
//   DATABASE_URL=postgres://… BENCH_RUNS=3 npx tsx api/bench/watch.bench.ts
//
// Emerging: each cell is the median of BENCH_RUNS first requests on fresh apps (nothing memoised; the
// contiguity is computed too). Alerts: each evaluation runs in a transaction that is rolled back, so the
// rules and episodes never stay; "first" opens every episode, "repeat" is a second run in the same
// transaction, where the conditions still hold and nothing is written. Prints a Markdown table.
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Db } from '@antt/data/db'
import { evaluateAlerts } from '../src/alerts/evaluate.ts'
import { createApp } from '../src/app.ts'
import { benchBackends, benchSignIn } from './backends.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)

const EMERGING = [
  {
    name: 'emerging, communes, 48 months, 999 permutations',
    path: '/api/stats/emerging?level=commune&from=2022-07-01&to=2026-06-30&permutations=999',
  },
  {
    name: 'emerging, communes, 48 months, 199 permutations (the map)',
    path: '/api/stats/emerging?level=commune&from=2022-07-01&to=2026-06-30&permutations=199',
  },
  {
    name: 'emerging, villages, 24 months, 999 permutations',
    path: '/api/stats/emerging?level=village&from=2024-07-01&to=2026-06-30&permutations=999',
  },
  {
    name: 'emerging, villages, 24 months, 199 permutations (the map)',
    path: '/api/stats/emerging?level=village&from=2024-07-01&to=2026-06-30&permutations=199',
  },
]

const RULES: [string, string, number, string, string][] = [
  // name, condition, threshold, level, area
  ['coverage < 90 %, border communes', 'village_coverage_below', 0.9, 'commune', '{"classes":["border"]}'],
  ['coverage < 100 %, villages', 'village_coverage_below', 1, 'village', '{"all":true}'],
  ['population covered < 80 %', 'population_covered_below', 0.8, 'commune', '{"all":true}'],
  ['overdue evaluations > 5', 'overdue_evaluations_above', 5, 'commune', '{"all":true}'],
  ['new or intensifying hot spot, communes', 'hot_spot_emerging', 24, 'commune', '{"all":true}'],
  ['new or intensifying hot spot, villages', 'hot_spot_emerging', 24, 'village', '{"all":true}'],
  ['incident spike, communes', 'incident_spike', 3, 'commune', '{"all":true}'],
  ['incident spike, villages', 'incident_spike', 3, 'village', '{"all":true}'],
  ['exemplary model dissolved, 12 months', 'exemplary_dissolved', 12, 'commune', '{"all":true}'],
  ['no outreach for 3 months, villages', 'no_outreach_months', 3, 'village', '{"all":true}'],
]

class Rollback extends Error {}

async function signIn(app: ReturnType<typeof createApp>) {
  const { cookie } = await benchSignIn(app, 'admin')
  return (path: string) => app.request(path, { headers: { cookie } })
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (ms: number | undefined) =>
  ms === undefined ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`

async function benchEmerging(db: Db): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const e of EMERGING) {
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const get = await signIn(createApp(db))
      const t = performance.now()
      const res = await get(e.path)
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${e.path}: ${res.status}`)
      times.push(performance.now() - t)
    }
    out.set(e.name, median(times))
  }
  return out
}

async function benchAlerts(db: Db) {
  const first: number[] = []
  const repeat: number[] = []
  let fired = 0
  for (let run = 0; run < RUNS; run++) {
    await db
      .transaction(async (tx) => {
        await tx.query('update alert_rule set enabled = false') // only the ten rules below
        for (const [name, condition, threshold, level, area] of RULES)
          await tx.query(
            `insert into alert_rule (name, condition, threshold, area, level, notify)
             values ($1, $2, $3, $4::jsonb, $5, '{"roles":["leader"]}'::jsonb)`,
            [name, condition, threshold, area, level],
          )
        let t = performance.now()
        const r = await evaluateAlerts(tx, { kind: 'manual' })
        first.push(performance.now() - t)
        fired = r.fired
        t = performance.now()
        const again = await evaluateAlerts(tx, { kind: 'manual' })
        repeat.push(performance.now() - t)
        if (again.fired !== 0) throw new Error('a repeat run fired')
        throw new Rollback()
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err
      })
  }
  return { first: median(first), repeat: median(repeat), fired }
}

async function main() {
  const backends = benchBackends()

  const emerging = new Map<string, Map<string, number>>()
  const alerts = new Map<string, { first: number; repeat: number; fired: number }>()
  for (const b of backends) {
    process.stderr.write(`${b.name}: opening…\n`)
    const { db, close } = await b.open()
    try {
      process.stderr.write(`${b.name}: emerging…\n`)
      emerging.set(b.name, await benchEmerging(db))
      process.stderr.write(`${b.name}: alerts…\n`)
      alerts.set(b.name, await benchAlerts(db))
    } finally {
      await close()
    }
  }
  const names = [...emerging.keys()]
  const lines = [
    `Median of ${RUNS} run(s); ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end.`,
    '',
    `| case | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
  ]
  for (const e of EMERGING)
    lines.push(`| ${e.name} | ${names.map((n) => fmt(emerging.get(n)?.get(e.name))).join(' | ')} |`)
  lines.push(
    `| ten alert rules, first evaluation (opens every episode) | ${names
      .map((n) => `${fmt(alerts.get(n)?.first)} (${alerts.get(n)?.fired} fired)`)
      .join(' | ')} |`,
    `| ten alert rules, repeat evaluation (conditions still hold, nothing written) | ${names
      .map((n) => fmt(alerts.get(n)?.repeat))
      .join(' | ')} |`,
  )
  console.log(lines.join('\n'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
