// Test helpers for the API: a seeded database per backend and an app over it, signed in as a demo account.
import { DEFAULT_DEMO_PASSWORD } from '@antt/data'
import type { Db } from '@antt/data/db'
import { type Backend, backends, closeTestDbs, openTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, expect } from 'vitest'
import { createApp } from './app.ts'

export { type Backend, backends }

type App = ReturnType<typeof createApp>
export type Role = 'admin' | 'leader' | 'planner' | 'briefer' | 'steward' | 'viewer'

/** An app client that sends a session cookie and the CSRF token, like the browser does. */
export interface SignedInApp {
  request(path: string, init?: RequestInit): Promise<Response>
  csrf: string
}

export async function signIn(
  app: App,
  username: Role | string,
  password = DEFAULT_DEMO_PASSWORD,
): Promise<SignedInApp> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
  const { csrf_token: csrf } = (await res.json()) as { csrf_token: string }
  return {
    csrf,
    request: (path, init = {}) => {
      const headers = new Headers(init.headers)
      headers.set('cookie', cookie)
      if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', csrf)
      return Promise.resolve(app.request(path, { ...init, headers }))
    },
  }
}

/**
 * Opens a seeded database for `backend` before the file's tests and closes it after.
 * `ctx.app` is signed in as `role` (default admin); `ctx.raw` is the bare app, signed in as nobody.
 */
export function useApp(backend: Backend, role: Role = 'admin') {
  const ctx = {} as { db: Db; app: SignedInApp; raw: App }
  beforeAll(async () => {
    ctx.db = await openTestDb(backend)
    ctx.raw = createApp(ctx.db)
    ctx.app = await signIn(ctx.raw, role)
  })
  afterAll(closeTestDbs)
  return ctx
}

/** Request through the app and parse the JSON body. */
export async function getJson<T = any>(
  app: Pick<App, 'request'> | SignedInApp,
  path: string,
  init?: RequestInit,
) {
  const res = await app.request(path, init)
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T }
}

/** Checks a 200 answer with one row per commune of the demo province (99), each with at least `fields`. */
export function expectCommuneRows(answer: { status: number; body: any }, fields: readonly string[]): any[] {
  expect(answer.status).toBe(200)
  expect(answer.body.rows).toHaveLength(99)
  for (const r of answer.body.rows) expect(Object.keys(r)).toEqual(expect.arrayContaining([...fields]))
  return answer.body.rows
}

/** Checks a 400 answer that names `field` among its problems (`context` labels a failure). */
export function expectRejected(answer: { status: number; body: any }, field: string, context?: string) {
  expect(answer.status, context).toBe(400)
  expect(
    answer.body.error.details.map((d: { field?: string }) => d.field),
    context,
  ).toContain(field)
}

/** Metres between two WGS 84 points [lon, lat]: haversine on the mean Earth radius, ample for a few metres. */
export function metres([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const r = Math.PI / 180
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a))
}
