// Times the metrics under a what-if scenario against the actual metrics: GET /api/metrics at commune and
// village level, through the app as a signed-in planner, on the databases of benchBackends(). The scenario is
// a plan turned into one (20 new grassroots teams over the province, from POST /api/plans/optimize) with a
// model dissolved and an evaluation done: the changes are made in a savepoint, the metric SQL runs, the
// savepoint is rolled back (api/src/services/scenarios/middleware.ts).
//
//   npx tsx api/bench/scenarios.bench.ts
//   DATABASE_URL=postgres://… npx tsx api/bench/scenarios.bench.ts
//
// Cold = the first request of a fresh app (nothing memoised), warm = the same request again (memoised under
// the scenario's id and updated_at). Median of RUNS fresh apps. Prints a Markdown table.
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Db } from '@antt/data/db'
import { createApp } from '../src/app.ts'
import { benchBackends, benchSignIn } from './backends.ts'

const RUNS = 5
const PLAN_SITES = 20

async function signIn(db: Db) {
  const app = createApp(db)
  const { cookie, csrf } = await benchSignIn(app, 'planner')
  return async <T = unknown>(method: string, path: string, body?: unknown) => {
    const t = performance.now()
    const r = await app.request(path, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await r.json()) as T
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`)
    return { ms: performance.now() - t, body: json }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)

async function makeScenario(db: Db): Promise<number> {
  const call = await signIn(db)
  const plan = await call<{ selected: { code: string }[] }>('POST', '/api/plans/optimize', {
    model_type: 'to_bao_ve_antt',
    count: PLAN_SITES,
  })
  const models = await call<{ features: { properties: { id: string } }[] }>(
    'GET',
    '/api/layers/models?statuses=active',
  )
  const [a, b] = models.body.features.map((f) => f.properties.id)
  const { body } = await call<{ scenario: { id: number } }>('POST', '/api/scenarios', {
    name: 'bench',
    changes: [
      { kind: 'dissolve_model', model_id: a },
      { kind: 'evaluate_model', model_id: b, rating_code: 'tot' },
    ],
    from_plan: { model_type: 'to_bao_ve_antt', sites: plan.body.selected.map((s) => s.code) },
  })
  return body.scenario.id
}

async function bench(name: string, db: Db, lines: string[]) {
  const scenario = await makeScenario(db)
  for (const level of ['commune', 'village']) {
    const cells: Record<string, { cold: number[]; warm: number[] }> = {
      actual: { cold: [], warm: [] },
      scenario: { cold: [], warm: [] },
    }
    for (let run = 0; run < RUNS; run++) {
      // a fresh app: nothing memoised; the scenario first, so that it never rides on the actual's caches
      const call = await signIn(db)
      for (const [kind, q] of [
        ['scenario', `&scenario=${scenario}`],
        ['actual', ''],
      ] as const) {
        cells[kind].cold.push((await call('GET', `/api/metrics?level=${level}${q}`)).ms)
        cells[kind].warm.push((await call('GET', `/api/metrics?level=${level}${q}`)).ms)
      }
    }
    lines.push(
      `| ${name} | ${level} | ${fmt(median(cells.actual.cold))} | ${fmt(median(cells.scenario.cold))} | ${fmt(median(cells.actual.warm))} | ${fmt(median(cells.scenario.warm))} |`,
    )
  }
  const call = await signIn(db)
  await call('DELETE', `/api/scenarios/${scenario}`)
}

async function main() {
  const lines = [
    `Metrics actual and under a scenario of ${PLAN_SITES + 2} changes, median of ${RUNS} fresh apps; ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs.`,
    '',
    '| database | level | actual cold | scenario cold | actual warm | scenario warm |',
    '|---|---|---|---|---|---|',
  ]
  for (const b of benchBackends()) {
    process.stderr.write(`${b.name}…\n`)
    const { db, close } = await b.open()
    try {
      await bench(b.name, db, lines)
    } finally {
      await close()
    }
  }
  lines.push(
    '',
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end`,
  )
  console.log(lines.join('\n'))
  process.exit(0)
}

await main()
