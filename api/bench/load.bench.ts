/**
 * Load benchmark: many connections at once against a server process, on a mix of metrics, vector tiles and
 * unit detail, as a dashboard in use sends them. Reports errors, p50/p99 latency, requests a second and the
 * server's peak memory (VmHWM). Run on demand, not in the tests; results go to BENCHMARKS.md.
 *
 *   DATABASE_URL=postgres://… npx tsx api/bench/load.bench.ts          # a seeded server, 200 connections, 60 s
 *   npx tsx api/bench/load.bench.ts                                    # embedded (a copy of the test template), 20 s
 *   BENCH_CONNECTIONS=… BENCH_SECONDS=… DATABASE_POOL_SIZE=… override
 *   BENCH_CPU_PROF=dir                                                 # the server writes a V8 CPU profile there
 *
 * Other work on the machine moves latency and throughput; the CPU time the server process and its database
 * connections spend per request does not move much with it, so it is reported too (ms per request).
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { DEFAULT_DEMO_PASSWORD } from '@antt/data'
import { openPostgres } from '@antt/data/db'
import { copyTestTemplate, prepareTestDatabases } from '@antt/data/testing'
import autocannon from 'autocannon'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const server = process.env.DATABASE_URL
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200)
const SECONDS = Number(process.env.BENCH_SECONDS ?? (server ? 60 : 20))

// The mix: metrics for a few periods and levels, tiles across the province, units' detail.
const PATHS = [
  '/api/metrics?level=commune',
  '/api/metrics?level=commune&from=2025-01-01&to=2025-06-30',
  '/api/metrics?level=village&commune=02647',
  '/tiles/communes/8/201/112.mvt',
  '/tiles/communes/9/403/224.mvt',
  '/tiles/communes/10/807/446.mvt',
  '/tiles/villages/12/3229/1785.mvt',
  '/tiles/incident_hex/10/807/446.mvt',
  '/api/units/02647',
  '/api/units/02671',
  '/api/units/02680',
]

const peakKb = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN)

/** User + system CPU time of a process so far, in ms (fields 14 and 15 of /proc/pid/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** CPU time so far of the server's database connections (same machine): their backends' processes. */
async function databaseCpuMs(url: string): Promise<number> {
  const db = await openPostgres(url, { max: 1 })
  try {
    const rows = await db.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and application_name = 'antt-atlas' and pid <> pg_backend_pid()`,
    )
    return rows.reduce((sum, r) => {
      try {
        return sum + cpuMs(r.pid)
      } catch {
        return sum // a backend that has just gone
      }
    }, 0)
  } finally {
    await db.close()
  }
}

async function main() {
  let dir: string | undefined
  if (!server) {
    await prepareTestDatabases()
    dir = await copyTestTemplate()
  }
  const port = 20000 + Math.floor(Math.random() * 20000)
  const profile = process.env.BENCH_CPU_PROF
  const child = spawn(
    process.execPath,
    [...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []), '--import', 'tsx', 'api/src/server.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...(dir ? { PGLITE_DIR: dir } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  while (!/warm-up queries done/.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const base = `http://127.0.0.1:${port}`
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'leader',
      password: process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    }),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
  const load0 = loadavg()[0]
  const pid = child.pid as number
  const cpu0 = { server: cpuMs(pid), database: server ? await databaseCpuMs(server) : 0 }
  let i = 0
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { cookie, 'accept-encoding': 'gzip' },
    requests: [{ setupRequest: (req) => ({ ...req, path: PATHS[i++ % PATHS.length] }) }],
  })
  const peak = peakKb(pid)
  const cpu1 = { server: cpuMs(pid), database: server ? await databaseCpuMs(server) : 0 }
  const perRequest = (ms: number) => (ms / result.requests.total).toFixed(1)
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  if (dir) rmSync(dir, { recursive: true, force: true })
  const l = result.latency
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load0.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
  )
  console.log(
    '| database | pool | connections | seconds | requests | errors | p50 ms | p99 ms | req/s | peak RSS MB | CPU ms/request: API, database |',
  )
  console.log(
    `| ${server ? 'server' : 'embedded'} | ${server ? (process.env.DATABASE_POOL_SIZE ?? 10) : 1} | ${CONNECTIONS} | ${SECONDS} | ${result.requests.total} | ${result.errors + result.non2xx} (${result.timeouts} timeouts) | ${l.p50} | ${l.p99} | ${Math.round(result.requests.average)} | ${Math.round(peak / 1024)} | ${perRequest(cpu1.server - cpu0.server)}, ${server ? perRequest(cpu1.database - cpu0.database) : '–'} |`,
  )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
