// Faults of the process and of its database, on a real server process: backends terminated under
// concurrent load (the process must live on, answer 503 meanwhile and recover), and kill -9 during an
// import commit (after a restart, all rows or none are written and the import says truthfully which).
import { type ChildProcess, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import { DEFAULT_DEMO_PASSWORD } from '@antt/data'
import { openPostgres } from '@antt/data/db'
import { closeTestDbs, copyTestTemplate, openTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { csvOf, type Row } from './imports/fixtures/files.ts'
import { signIn as signInApp } from './testing.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SERVER_URL = process.env.TEST_DATABASE_URL
const running = new Set<ChildProcess>()
const dirs: string[] = []

afterAll(async () => {
  await closeTestDbs().catch(() => {})
  for (const child of running) child.kill('SIGKILL')
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

interface Server {
  child: ChildProcess
  base: string
  output: () => string
}

/**
 * The servers started here connect under a name of their own (PGAPPNAME), so that cutting their connections
 * or watching their queries never touches the other test files sharing the server's test database.
 */
const APP_NAME = `antt-atlas-faults-${process.pid}`

/** Starts `api/src/server.ts` as its own process on a free port; resolves once it listens. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PGAPPNAME: APP_NAME,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.on('exit', () => running.delete(child))
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/ready in/.test(out)) {
        clearInterval(timer)
        resolve()
      } else if (child.exitCode !== null) {
        clearInterval(timer)
        reject(new Error(`server exited (${child.exitCode}): ${out}`))
      }
    }, 100)
  })
  return { child, base: `http://127.0.0.1:${port}`, output: () => out }
}

async function kill9(server: Server) {
  const gone = new Promise((r) => server.child.once('exit', r))
  server.child.kill('SIGKILL')
  await gone
}

/** Signs in over HTTP; returns the headers a browser would send. */
async function signIn(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEFAULT_DEMO_PASSWORD }),
  })
  expect(res.status).toBe(200)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
  const { csrf_token } = (await res.json()) as { csrf_token: string }
  return { cookie, 'x-csrf-token': csrf_token }
}

describe.skipIf(!SERVER_URL)('backends terminated under concurrent load (server)', () => {
  it('keeps the process alive, fails requests in flight with 503 JSON, and recovers', async () => {
    const server = await startServer({ DATABASE_URL: SERVER_URL as string })
    const headers = await signIn(server.base, 'leader')
    const killer = await openPostgres(SERVER_URL as string, { max: 1 })
    const paths = [
      '/api/metrics?level=commune',
      '/api/metrics?level=village&from=2025-01-01&to=2025-06-30',
      '/api/units/02647',
      '/api/units?level=commune&simplify=0.001',
      '/tiles/communes/8/201/112.mvt',
      '/tiles/villages/12/3229/1785.mvt',
    ]
    const statuses = new Map<number, number>()
    const badBodies: string[] = []
    let stop = false
    const worker = async (i: number) => {
      for (let n = i; !stop; n += 7) {
        const res = await fetch(server.base + paths[n % paths.length], { headers }).catch(() => null)
        if (!res) continue
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        // an answer that cannot be read (a body not matching its headers) is a bad answer, with its headers
        let body: string
        try {
          body = await res.text()
        } catch (e) {
          badBodies.push(
            `${paths[n % paths.length]} ${res.status} ${JSON.stringify([...res.headers])} ${e} ${(e as Error).cause}`,
          )
          continue
        }
        if (res.status === 503 && JSON.parse(body).error?.code !== 'database_unavailable')
          badBodies.push(body)
        if (res.status >= 500 && res.status !== 503) badBodies.push(`${res.status} ${body}`)
      }
    }
    const load = Array.from({ length: 200 }, (_, i) => worker(i))
    let terminated = 0
    for (let round = 0; round < 3; round++) {
      await new Promise((r) => setTimeout(r, 1500))
      const rows = await killer.query<{ ok: boolean }>(
        `select pg_terminate_backend(pid) as ok from pg_stat_activity
         where application_name = $1 and datname = current_database() and pid <> pg_backend_pid()`,
        [APP_NAME],
      )
      terminated += rows.filter((r) => r.ok).length
    }
    // Recovery: the requests in flight drain, then the pool answers again at once.
    const cutAt = performance.now()
    stop = true
    await Promise.all(load)
    const drainedMs = performance.now() - cutAt
    expect(server.child.exitCode, server.output()).toBeNull()
    // the server survives an unhandled rejection, but each one is a defect where it arose
    expect(server.output()).not.toMatch(/unhandled rejection/)
    const health = await fetch(`${server.base}/api/health`)
    const recoveredMs = performance.now() - cutAt
    await killer.close()
    console.log(
      `backends terminated: ${terminated}; responses by status: ${JSON.stringify(Object.fromEntries(statuses))}; load drained ${drainedMs.toFixed(0)} ms and health ${health.status} ${recoveredMs.toFixed(0)} ms after the last cut`,
    )

    expect(terminated).toBeGreaterThan(0)
    expect(badBodies, server.output().slice(-6000)).toEqual([])
    expect(statuses.get(503) ?? 0, 'requests in flight during a cut answer 503').toBeGreaterThan(0)
    expect(health.status).toBe(200)
    expect(((await health.json()) as { status: string }).status).toBe('ok')
    // and it serves again afterwards
    expect((await fetch(`${server.base}${paths[0]}`, { headers })).status).toBe(200)
    await kill9(server)
  }, 180_000)
})

const IMPORT_ROWS = 6000

/** A CSV of new incidents, each with its own key, placed at villages of the province. */
async function incidentCsv(base: string, headers: Record<string, string>, prefix: string) {
  const res = await fetch(`${base}/api/units?level=village&properties=code,commune_code`, { headers })
  expect(res.status).toBe(200)
  const villages = (
    (await res.json()) as { features: { properties: { code: string; commune_code: string } }[] }
  ).features
  const rows: Row[] = [['Mã hồ sơ', 'Loại vụ việc', 'Ngày xảy ra', 'Mã xã', 'Mã thôn', 'Mức độ']]
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const v = villages[(i * 7919) % villages.length].properties
    // no two rows share a village and a day (that would be the same incident twice)
    const day = new Date(Date.UTC(2024, 0, 1 + (i % 366))).toISOString().slice(0, 10)
    rows.push([`${prefix}-${String(i).padStart(6, '0')}`, 'theft', day, v.commune_code, v.code, 1])
  }
  return csvOf(rows, { sep: ';' })
}

async function countWritten(base: string, headers: Record<string, string>, prefix: string) {
  const res = await fetch(`${base}/api/export/incidents.csv`, { headers })
  expect(res.status).toBe(200)
  return (await res.text()).split('\n').filter((line) => line.includes(prefix)).length
}

/**
 * Resolves once the commit is writing. On the server, when its insert shows in pg_stat_activity (a fixed
 * delay raced the commit, which can finish in a few hundred milliseconds there); the embedded database
 * cannot be watched from outside its process, and writes 6,000 rows for well over a second.
 */
async function commitUnderWay(backend: 'embedded' | 'postgres') {
  if (backend === 'embedded') return new Promise((r) => setTimeout(r, 400))
  const watcher = await openPostgres(SERVER_URL as string, { max: 1 })
  try {
    for (let i = 0; i < 2000; i++) {
      const [row] = await watcher.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where application_name = $1 and state = 'active' and query ilike '%from import_row%'`,
        [APP_NAME],
      )
      if (row.n > 0) return
      await new Promise((r) => setTimeout(r, 5))
    }
    throw new Error('the commit never began writing')
  } finally {
    await watcher.close()
  }
}

describe.each([
  ['embedded', false],
  ['postgres', !SERVER_URL],
] as const)('kill -9 during an import commit (%s database)', (backend, skip) => {
  it.skipIf(skip)(
    'writes all rows or none, and the import says which after the restart',
    async () => {
      let env: Record<string, string>
      if (backend === 'embedded') {
        const dir = await copyTestTemplate()
        dirs.push(dir)
        env = { PGLITE_DIR: dir }
      } else env = { DATABASE_URL: SERVER_URL as string }
      const prefix = `KILL${Date.now().toString(36).toUpperCase()}`
      const run = { importId: '' }
      try {
        await killDuringCommit(backend, env, prefix, run)
      } finally {
        if (backend === 'postgres') {
          // the shared server database is left as it was, whatever the outcome
          const db = await openPostgres(SERVER_URL as string, { max: 1 })
          await db.query('delete from incident where id like $1', [`${prefix}-%`])
          if (run.importId) await db.query('delete from import_batch where id = $1::uuid', [run.importId])
          await db.close()
        }
      }
    },
    240_000,
  )
})

/** Stages an import, kills the server while it commits, restarts it and checks what was written. */
async function killDuringCommit(
  backend: 'embedded' | 'postgres',
  env: Record<string, string>,
  prefix: string,
  run: { importId: string },
) {
  let server = await startServer(env)
  let headers = await signIn(server.base, 'admin')
  const form = new FormData()
  form.set('kind', 'incidents')
  form.set('file', new File([await incidentCsv(server.base, headers, prefix)], 'vu-viec.csv'))
  const dry = await fetch(`${server.base}/api/imports`, { method: 'POST', headers, body: form })
  const report = (await dry.json()) as any
  run.importId = report.id ?? ''
  expect(dry.status, JSON.stringify(report).slice(0, 500)).toBe(200)
  expect(report, JSON.stringify(report.errors)).toMatchObject({ status: 'validated', errors_total: 0 })
  const creates: number = report.create
  expect(creates).toBeGreaterThan(IMPORT_ROWS * 0.9)

  // the commit is under way when the process is killed
  const commit = fetch(`${server.base}/api/imports/${report.id}/commit`, {
    method: 'POST',
    headers,
  }).catch(() => null)
  await commitUnderWay(backend)
  await kill9(server)
  expect(await commit, 'the commit must not have answered before the kill').toBeNull()

  server = await startServer(env)
  headers = await signIn(server.base, 'admin')
  const written = await countWritten(server.base, headers, prefix)
  const after = (await (await fetch(`${server.base}/api/imports/${report.id}`, { headers })).json()) as any
  console.log(
    `${backend}: after kill -9 and restart, ${written} of ${IMPORT_ROWS} rows written, import ${after.status}`,
  )
  expect([0, creates]).toContain(written)
  if (written === creates) expect(after.status).toBe('committed')
  else {
    // the staged rows survive on the server (PostgreSQL itself did not crash); the embedded database's
    // crash recovery empties the unlogged staging table, so that import has expired
    expect(after.status).toBe(backend === 'embedded' ? 'expired' : 'validated')
    const again = await fetch(`${server.base}/api/imports/${report.id}/commit`, {
      method: 'POST',
      headers,
    })
    const body = (await again.json()) as any
    if (backend === 'embedded') {
      expect(again.status).toBe(409)
      expect(body.error).toMatchObject({ code: 'expired', details: [{ field: 'id' }] })
      expect(body.error.message).toMatch(/run the dry run again/)
      expect(await countWritten(server.base, headers, prefix)).toBe(0)
    } else {
      expect(again.status).toBe(200)
      expect(body).toMatchObject({ status: 'committed', create: creates })
      expect(await countWritten(server.base, headers, prefix)).toBe(creates)
    }
  }
  await kill9(server)
}

describe('HTTP edge cases on a server process', () => {
  let server: Server
  beforeAll(async () => {
    const env: Record<string, string> = SERVER_URL ? { DATABASE_URL: SERVER_URL } : {}
    if (!SERVER_URL) {
      env.PGLITE_DIR = await copyTestTemplate()
      dirs.push(env.PGLITE_DIR)
    }
    server = await startServer(env)
  }, 240_000)
  const ready = async () => server

  /** Sends raw HTTP/1.1 requests on one keep-alive connection; resolves with each answer's status line. */
  function onOneConnection(base: string, requests: Buffer[]): Promise<string[]> {
    const { port } = new URL(base)
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1')
      const lines: string[] = []
      let text = ''
      let next = 0
      const send = () => socket.write(requests[next++])
      socket.on('connect', send)
      socket.on('data', (d) => {
        text += d.toString('latin1')
        const m = text.match(/^HTTP\/1\.1 (\d{3}) [^\r]*\r\n([\s\S]*?)\r\n\r\n/)
        if (!m) return
        const length = Number(/content-length: (\d+)/i.exec(m[2])?.[1] ?? 0)
        if (text.length < m[0].length + length) return
        lines.push(`${m[1]} ${/^connection: (.*)$/im.exec(m[2])?.[1] ?? ''}`.trim())
        text = text.slice(m[0].length + length)
        if (next < requests.length) send()
        else {
          socket.end()
          resolve(lines)
        }
      })
      socket.on('error', reject)
      socket.on('close', () => resolve(lines))
    })
  }

  it('answers a raw backslash in the path with a JSON 400 and the security headers', async () => {
    const { base } = await ready()
    const [status] = await onOneConnection(base, [
      Buffer.from('GET /api/a\\b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
    ])
    expect(status).toMatch(/^400/)
    const res = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1')
      let text = ''
      socket.on('connect', () =>
        socket.write('GET /api/a\\b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
      )
      socket.on('data', (d) => {
        text += d
      })
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    const [head, body] = res.split('\r\n\r\n')
    expect(head).toMatch(/content-type: application\/json/i)
    expect(head).toMatch(/content-security-policy: default-src 'self'/i)
    expect(head).toMatch(/x-content-type-options: nosniff/i)
    expect(JSON.parse(body).error).toMatchObject({ code: 'bad_request', details: [{ field: 'path' }] })
  })

  it('keeps a keep-alive connection working after a 413 and after a refusal with an unread body', async () => {
    const { base } = await ready()
    const big = Buffer.alloc(2 * 1024 * 1024, 'x')
    const post = (path: string, body: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ])
    const health = Buffer.from('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n')
    const statuses = await onOneConnection(base, [
      post('/api/auth/login', big),
      health,
      post('/api/auth/logout', Buffer.alloc(500_000, 'x')),
      health,
    ])
    expect(statuses).toEqual(['413 keep-alive', '200 keep-alive', '401 keep-alive', '200 keep-alive'])
  })
})

describe('a stopped embedded database', () => {
  it('answers 503 database_unavailable and health degraded, not a 500 or an exit', async () => {
    const db = await openTestDb('embedded')
    const app = createApp(db)
    const leader = await signInApp(app, 'leader')
    expect((await leader.request('/api/auth/me')).status).toBe(200)
    await db.close()
    const res = await leader.request('/api/metrics')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBeTruthy()
    expect(((await res.json()) as any).error.code).toBe('database_unavailable')
    const health = await app.request('/api/health')
    expect(health.status).toBe(503)
    expect(((await health.json()) as any).status).toBe('degraded')
  }, 240_000)
})
