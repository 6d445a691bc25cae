import { DEFAULT_DEMO_PASSWORD } from '@antt/data'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { backends, getJson, type Role, signIn, useApp } from '../testing.ts'

const ROLES: Role[] = ['admin', 'leader', 'planner', 'briefer', 'steward', 'viewer']
type Expect = 'ok' | 403

/** Every role × endpoint: allowed (2xx/404 for an empty detail) or denied (403); without a session: 401. */
const MATRIX: [
  method: string,
  path: string,
  expected: Partial<Record<Role, Expect>> & { default: Expect },
][] = [
  ['GET', '/api/meta', { default: 'ok' }],
  ['GET', '/api/meta/taxonomies', { default: 'ok' }],
  ['GET', '/api/units?level=commune&properties=code', { default: 'ok' }],
  ['GET', '/api/units/02647', { default: 'ok' }],
  ['GET', '/api/metrics', { default: 'ok' }],
  ['GET', '/api/search?q=lao', { default: 'ok' }],
  ['GET', '/api/layers/border_line', { default: 'ok' }],
  ['GET', '/api/layers/models?commune=02647', { default: 'ok', briefer: 403, viewer: 403 }],
  ['GET', '/api/incidents?from=2026-01-01&to=2026-01-31', { default: 'ok', briefer: 403, viewer: 403 }],
  ['GET', '/api/incidents/density?mode=units&from=2026-01-01&to=2026-03-31', { default: 'ok' }],
  ['GET', '/tiles/communes.json', { default: 'ok' }],
  ['GET', '/tiles/models/10/812/454.mvt', { default: 'ok', briefer: 403, viewer: 403 }],
  ['GET', '/api/users', { default: 403, admin: 'ok' }],
  ['GET', '/api/roles', { default: 403, admin: 'ok' }],
  ['GET', '/api/audit', { default: 403, admin: 'ok' }],
  ['GET', '/api/auth/me', { default: 'ok' }],
  ['GET', '/api/plans/costs', { default: 'ok', briefer: 403, viewer: 403 }],
]

describe.each(backends())('access control on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('keeps health public and everything else behind a session (401)', async () => {
    expect((await ctx.raw.request('/api/health')).status).toBe(200)
    for (const [, path] of MATRIX) {
      const res = await ctx.raw.request(path)
      expect(res.status, path).toBe(401)
      expect(((await res.json()) as any).error.code).toBe('unauthenticated')
    }
  })

  it.each(ROLES)('grants and denies the %s role exactly as the permission table says', async (role) => {
    const app = await signIn(ctx.raw, role)
    for (const [method, path, expected] of MATRIX) {
      const want = expected[role] ?? expected.default
      const res = await app.request(path, { method })
      if (want === 'ok') expect([200, 204], `${role} ${path}`).toContain(res.status)
      else expect(res.status, `${role} ${path}`).toBe(403)
    }
  })

  it('shows a commune steward nothing outside Phường Lào Cai, by any path or guessed code', async () => {
    const steward = await signIn(ctx.raw, 'steward')
    const communes = await getJson(steward, '/api/units?level=commune&properties=code')
    expect(communes.body.features.map((f: any) => f.properties.code)).toEqual(['02647'])
    const villages = await getJson(steward, '/api/units?level=village&properties=commune_code&geometry=point')
    expect(villages.body.features.length).toBeGreaterThan(0)
    expect(new Set(villages.body.features.map((f: any) => f.properties.commune_code))).toEqual(
      new Set(['02647']),
    )
    expect((await steward.request('/api/units/02671')).status).toBe(404) // Cam Đường, a neighbour
    expect((await steward.request('/api/units/02671-001')).status).toBe(404)
    const metrics = await getJson(steward, '/api/metrics')
    expect(metrics.body.rows.map((r: any) => r.code)).toEqual(['02647'])
    const vm = await getJson(steward, '/api/metrics?level=village')
    expect(vm.body.rows.every((r: any) => r.commune_code === '02647')).toBe(true)
    const search = await getJson(steward, '/api/search?q=cam%20duong')
    expect(search.body.results).toEqual([])
    const incidents = await getJson(steward, '/api/incidents?from=2025-07-01&to=2026-06-30')
    expect(incidents.body.features.length).toBeGreaterThan(0)
    expect(incidents.body.features.every((f: any) => f.properties.commune_code === '02647')).toBe(true)
    const models = await getJson(steward, '/api/layers/models')
    expect(models.body.features.every((f: any) => f.properties.commune_code === '02647')).toBe(true)
  })

  it('expands a province in a scope into its communes at sign-in, and checks the codes', async () => {
    const username = `province${Date.now() % 100000}`
    const password = 'Một mật khẩu dài 2025'
    const post = (body: object) =>
      getJson(ctx.app, '/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, display_name: 'Lãnh đạo tỉnh', role: 'leader', password, ...body }),
      })
    for (const [provinces, status] of [
      [['99'], 400], // no such province
      [['15@2025'], 400], // a province dissolved in 2025 is no scope
    ] as const) {
      const bad = await post({ provinces })
      expect(bad.status, String(provinces)).toBe(status)
      expect(bad.body.error.details[0].field).toMatch(/^provinces/)
    }
    const created = await post({ provinces: ['15'] })
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({ provinces: ['15'], scope: [] })
    const provincial = await signIn(ctx.raw, username, password)
    const me = await getJson(provincial, '/api/auth/me')
    const communes = await ctx.db.query<{ code: string }>(
      `select code from commune where province_code = '15' order by code`,
    )
    expect(me.body.user.scope).toEqual(communes.map((c) => c.code))
    expect((await getJson(provincial, '/api/metrics')).body.rows).toHaveLength(communes.length)
    // narrowed to one ward: signed out, and the next session sees the ward only
    const changed = await getJson(ctx.app, `/api/users/${created.body.user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provinces: [], scope: ['02647'] }),
    })
    expect(changed.body.user).toMatchObject({ provinces: [], scope: ['02647'] })
    expect((await provincial.request('/api/auth/me')).status).toBe(401)
    const ward = await signIn(ctx.raw, username, password)
    expect((await getJson(ward, '/api/metrics')).body.rows.map((r: any) => r.code)).toEqual(['02647'])
  })

  it('gives the same incident count for the steward as for the administrator within that commune', async () => {
    const steward = await signIn(ctx.raw, 'steward')
    const mine = await getJson(steward, '/api/metrics?from=2025-07-01&to=2026-06-30')
    const all = await getJson(ctx.app, '/api/metrics?from=2025-07-01&to=2026-06-30&commune=02647')
    expect(mine.body.rows[0].incidents).toBe(all.body.rows[0].incidents)
    expect(mine.body.totals.incidents).toBe(all.body.rows[0].incidents)
  })

  it('denies incident points to briefers and viewers while aggregates still work', async () => {
    const full = (await getJson(ctx.app, '/api/units/02647')).body
    expect(full.models.length).toBeGreaterThan(0)
    expect(full.models_count).toBe(full.models.length)
    expect(full.models_withheld).toBeNull()
    for (const role of ['briefer', 'viewer'] as const) {
      const app = await signIn(ctx.raw, role)
      expect((await app.request('/api/incidents')).status).toBe(403)
      const metrics = await getJson(app, '/api/metrics')
      expect(metrics.status).toBe(200)
      expect(metrics.body.totals.incidents).toBeGreaterThan(0)
      // the same shape as for a role that reads records: an empty list, the count and why it is empty
      const detail = await getJson(app, '/api/units/02647')
      expect(detail.status).toBe(200)
      expect(detail.body.models).toEqual([])
      expect(detail.body.models_count).toBe(full.models_count)
      expect(detail.body.models_withheld).toBe('aggregate_only')
    }
  })

  it('suppresses small village incident counts for aggregate-only roles, never reporting them as zero', async () => {
    const viewer = await signIn(ctx.raw, 'viewer')
    const q = '/api/metrics?level=village&from=2026-04-01&to=2026-06-30'
    const full = new Map((await getJson(ctx.app, q)).body.rows.map((r: any) => [r.code, r.incidents]))
    const seen = (await getJson(viewer, q)).body.rows
    const small = seen.filter((r: any) => r.incidents_suppressed)
    expect(small.length).toBeGreaterThan(0)
    // withheld: 1–2 incidents, or in the same commune as such a village (secondary suppression)
    const communesWithSmall = new Set(
      small.filter((r: any) => [1, 2].includes(full.get(r.code) as number)).map((r: any) => r.commune_code),
    )
    for (const r of small) {
      expect(r.incidents).toBeNull()
      expect(communesWithSmall.has(r.commune_code), r.code).toBe(true)
    }
    expect(seen.filter((r: any) => r.incidents === 1 || r.incidents === 2)).toEqual([])
  })

  it('adds up only the published village counts in the totals of an aggregate-only role', async () => {
    const viewer = await signIn(ctx.raw, 'viewer')
    const { body } = await getJson(viewer, '/api/metrics?level=village&from=2026-04-01&to=2026-06-30')
    const shown = body.rows.reduce((s: number, r: any) => s + (r.incidents ?? 0), 0)
    expect(body.totals.incidents).toBe(shown)
    expect(body.totals.incidents_withheld_units).toBe(
      body.rows.filter((r: any) => r.incidents === null).length,
    )
    expect(body.totals.incidents_withheld_units).toBeGreaterThan(0)
  })

  it('refuses a state-changing request without the CSRF token', async () => {
    const res = await ctx.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { 'x-csrf-token': 'wrong' },
    })
    expect(res.status).toBe(403)
    expect(((await res.json()) as any).error.code).toBe('csrf')
    expect((await ctx.app.request('/api/auth/me')).status).toBe(200)
  })

  it('signs out and revokes the session on the server', async () => {
    const app = await signIn(ctx.raw, 'viewer')
    expect((await app.request('/api/auth/logout', { method: 'POST' })).status).toBe(200)
    expect((await app.request('/api/auth/me')).status).toBe(401)
  })

  it('locks out repeated failed sign-ins with 429 and Retry-After', async () => {
    const attempt = () =>
      ctx.raw.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'planner', password: 'wrong password' }),
      })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    const locked = await attempt()
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('records sign-ins, failures and user changes in the audit log, readable by administrators', async () => {
    const log = await getJson(ctx.app, '/api/audit?limit=1000')
    const actions = new Set(log.body.entries.map((e: any) => e.action))
    expect(actions).toContain('login')
    expect(actions).toContain('login_failed')
    const created = await getJson(ctx.app, '/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `officer${Date.now() % 100000}`,
        display_name: 'Cán bộ xã',
        role: 'steward',
        password: 'Một mật khẩu dài 2025',
        scope: ['02671'],
      }),
    })
    expect(created.status).toBe(201)
    const after = await getJson(ctx.app, '/api/audit?action=user_create')
    expect(after.body.entries[0]).toMatchObject({
      username: 'admin',
      action: 'user_create',
      target: created.body.user.username,
    })
  })

  it('takes as long to refuse an unknown user name as a known one (a dummy hash is verified)', async () => {
    const app = createApp(ctx.db) // its own sign-in limiter
    const attempt = async (username: string) => {
      const t0 = performance.now()
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'not the password' }),
      })
      expect(res.status).toBe(401)
      return performance.now() - t0
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 3; i++) {
      known.push(await attempt('briefer'))
      unknown.push(await attempt(`nobody${i}`))
    }
    // scrypt dominates both; without the dummy hash an unknown name was answered ~20 times faster
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5)
    await signIn(app, 'briefer') // clears the account's failure count
  })

  it('locks a user name after 5 failures and an address after 20, each on its own', async () => {
    const app = createApp(ctx.db)
    const attempt = (username: string, password = 'wrong password') =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
    for (let i = 0; i < 5; i++) expect((await attempt('steward')).status).toBe(401)
    // the name is locked, even with its password…
    expect((await attempt('steward', DEFAULT_DEMO_PASSWORD)).status).toBe(429)
    // …but other users at the same address still sign in
    expect((await attempt('leader', DEFAULT_DEMO_PASSWORD)).status).toBe(200)
    for (let i = 0; i < 15; i++) expect((await attempt(`guess${i}`)).status).toBe(401)
    // 20 failures from the address: now everyone there waits
    const locked = await attempt('viewer', DEFAULT_DEMO_PASSWORD)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    await signIn(createApp(ctx.db), 'steward') // clears the account's failure count
  }, 180_000) // some 30 sign-ins, each hashing a password with scrypt: slow on a busy embedded database

  it('marks signed-in JSON answers Cache-Control: no-store', async () => {
    for (const path of [
      '/api/metrics',
      '/api/auth/me',
      '/api/units?level=commune&properties=code',
      '/api/nowhere',
    ]) {
      const res = await ctx.app.request(path)
      expect(res.headers.get('cache-control'), path).toBe('no-store')
    }
    expect((await ctx.raw.request('/api/health')).headers.get('cache-control')).toBeNull()
  })

  it('sends security headers that allow no external origin', async () => {
    const res = await ctx.raw.request('/api/health')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/https?:/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('answers injection strings in the sign-in body with 4xx, never 500', async () => {
    for (const username of ["admin' --", "' or 1=1 --", 'a'.repeat(500)]) {
      const res = await ctx.raw.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: "' or '1'='1" }),
      })
      expect([400, 401, 429]).toContain(res.status)
    }
  })
})
