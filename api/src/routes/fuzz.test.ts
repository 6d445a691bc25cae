// Fuzz: malformed requests to every endpoint of /api/openapi.json (fuzz-requests.ts), as an administrator
// and as a commune steward, with hostile uploads. Not one may get a 5xx; every error must have the common
// shape; and nothing may be written (the record counts before and after are equal, and the audit log holds
// no change made by the fuzzing accounts).
import { createUser, DEFAULT_DEMO_PASSWORD } from '@antt/data'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createSession, SESSION_COOKIE } from '../auth/sessions.ts'
import { type Hostile, hostileCorpus } from '../imports/fixtures/hostile.ts'
import { backends, getJson, type SignedInApp, useApp } from '../testing.ts'
import { type FuzzRequest, fuzzRequests, type Operation, operations } from './fuzz-requests.ts'

const SEED = 20250701
const RUN = Math.floor(Math.random() * 1e9).toString(36)
const DEMO_STEWARD_SCOPE = '02647'
const corpus: Hostile[] = hostileCorpus()

/** Actions the fuzzing accounts may leave in the audit log: none of them changes a record. */
const HARMLESS = new Set(['login', 'logout', 'login_failed', 'import_dry_run', 'export'])

/** Tables whose rows come and go with sessions, dry runs, alert evaluation runs and the audit itself. */
const VOLATILE = new Set([
  'audit_log',
  'app_session',
  'import_batch',
  'import_row',
  'table_change',
  'alert_run',
])

interface Outcome {
  status: number
  problem: string | null
}

async function send(app: SignedInApp, r: FuzzRequest): Promise<Outcome> {
  const res = await app.request(r.url, {
    method: r.method,
    headers: r.headers,
    body: r.body as RequestInit['body'],
  })
  const text = await res.text()
  if (res.status >= 500) return { status: res.status, problem: `${res.status}: ${text.slice(0, 200)}` }
  if (res.status < 400)
    return {
      status: res.status,
      problem: r.refusal ? `expected a 400 saying ${r.refusal}, got ${res.status}` : null,
    }
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    return { status: res.status, problem: `${res.status} without a JSON body: ${text.slice(0, 100)}` }
  }
  const e = body?.error
  if (r.refusal && !(res.status === 400 && r.refusal.test(e?.message ?? '')))
    return {
      status: res.status,
      problem: `expected a 400 saying ${r.refusal}, got ${res.status}: ${text.slice(0, 160)}`,
    }
  const shaped =
    e &&
    typeof e.code === 'string' &&
    typeof e.message === 'string' &&
    Array.isArray(e.details) &&
    e.details.every(
      (d: any) => typeof d.problem === 'string' && (d.field === undefined || typeof d.field === 'string'),
    )
  return {
    status: res.status,
    problem: shaped ? null : `${res.status} not in the error shape: ${text.slice(0, 160)}`,
  }
}

describe.each(backends())('malformed requests on the %s database', (backend) => {
  const ctx = useApp(backend)
  const accounts = { admin: `fuzz_admin_${RUN}`, steward: `fuzz_steward_${RUN}` }
  const password = `${DEFAULT_DEMO_PASSWORD}-fuzz`
  let doc: any
  let ops: Operation[]
  let counts: Record<string, number>
  let stewardPermissions: Set<string>
  const started = new Date()

  const countRows = async () => {
    const tables = await ctx.db.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )
    const out: Record<string, number> = {}
    for (const { name } of tables)
      if (!VOLATILE.has(name))
        out[name] = (await ctx.db.query<{ n: number }>(`select count(*)::int as n from "${name}"`))[0].n
    return out
  }

  beforeAll(async () => {
    await createUser(ctx.db, {
      username: accounts.admin,
      display_name: 'Fuzz admin',
      role_code: 'admin',
      password,
    })
    await createUser(ctx.db, {
      username: accounts.steward,
      display_name: 'Fuzz steward',
      role_code: 'steward',
      password,
      scope: [DEMO_STEWARD_SCOPE],
    })
    doc = (await getJson(ctx.raw, '/api/openapi.json')).body
    ops = operations(doc)
    stewardPermissions = new Set(
      (
        await ctx.db.query<{ p: string }>(
          `select permission_code as p from role_permission where role_code = 'steward'`,
        )
      ).map((r) => r.p),
    )
    counts = await countRows()
  })

  afterAll(async () => {
    await ctx.db.query('delete from app_user where username = any ($1::text[])', [Object.values(accounts)])
  })

  /**
   * Sends the requests through an app of its own, starting a new session whenever a request ended the one
   * in use (a sign-out, a password change). Sessions are made directly: a sign-in verifies a deliberately
   * slow password hash, and the fuzzing ends a session some twenty times per run.
   */
  async function run(username: string, requests: FuzzRequest[]) {
    const fuzzed = createApp(ctx.db)
    const [{ id }] = await ctx.db.query<{ id: number }>('select id from app_user where username = $1', [
      username,
    ])
    let cookie = ''
    let csrf = ''
    const startSession = async () => {
      const session = await createSession(ctx.db, id, '127.0.0.1', 'fuzz')
      cookie = `${SESSION_COOKIE}=${session.token}`
      csrf = session.csrf
    }
    await startSession()
    const app: SignedInApp = {
      get csrf() {
        return csrf
      },
      request: (path, init = {}) => {
        const headers = new Headers(init.headers)
        headers.set('cookie', cookie)
        headers.set('x-csrf-token', csrf)
        return Promise.resolve(fuzzed.request(path, { ...init, headers }))
      },
    }
    const problems: string[] = []
    const statuses = new Map<number, number>()
    for (const r of requests) {
      const out = await send(app, r)
      statuses.set(out.status, (statuses.get(out.status) ?? 0) + 1)
      if (out.problem) problems.push(`${r.label} → ${out.problem}`)
      if (out.status === 401 && !r.url.startsWith('/api/auth/login')) await startSession()
    }
    return { problems, statuses }
  }

  it('answers 1,000 and more broken requests as an administrator with 4xx errors in the common shape', async () => {
    const requests = fuzzRequests(doc, ops, { seed: SEED, perOperation: 16, hostile: corpus })
    expect(requests.length).toBeGreaterThanOrEqual(1000)
    const { problems, statuses } = await run(accounts.admin, requests)
    expect(problems.slice(0, 20), `${problems.length} of ${requests.length} requests`).toEqual([])
    // most are refused; the reads given odd but valid values answer
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true)
    expect(statuses.get(400) ?? 0).toBeGreaterThan(requests.length / 2)
  }, 300_000)

  it('answers broken requests as a commune steward, to every endpoint the role may use, the same way', async () => {
    const allowed = ops.filter(
      (o) =>
        o.permission === 'public' || o.permission === 'authenticated' || stewardPermissions.has(o.permission),
    )
    expect(allowed.length).toBeGreaterThan(10)
    // the steward's own kind of upload: villages of the ward, with geometries lacking coordinates
    const villages = corpus.filter((h) => h.kind === 'villages')
    const requests = fuzzRequests(doc, allowed, { seed: SEED + 1, perOperation: 5, hostile: villages })
    const { problems } = await run(accounts.steward, requests)
    expect(problems.slice(0, 20), `${problems.length} of ${requests.length} requests`).toEqual([])
  }, 300_000)

  it('wrote nothing: record counts are unchanged and the audit log holds no change by the fuzzing accounts', async () => {
    const changes = await ctx.db.query<{ username: string; action: string; n: number }>(
      `select username, action, count(*)::int as n from audit_log
       where username = any ($1::text[]) and at >= $2 group by 1, 2 order by 1, 2`,
      [Object.values(accounts), started.toISOString()],
    )
    expect(changes.length).toBeGreaterThan(0)
    expect(changes.filter((c) => !HARMLESS.has(c.action))).toEqual([])
    // The server database is shared with test files running alongside, which write their own rows.
    if (backend === 'embedded') expect(await countRows()).toEqual(counts)
  })
})
