// Test helpers for the API: a seeded database per backend and an app over it.
import { type Backend, backends, closeTestDbs, openTestDb } from '@antt/data/testing'
import type { Db } from '@antt/data/db'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from './app.ts'

export { backends, type Backend }

/** Opens a seeded database for `backend` before the file's tests and closes it after. */
export function useApp(backend: Backend) {
  const ctx = {} as { db: Db; app: ReturnType<typeof createApp> }
  beforeAll(async () => {
    ctx.db = await openTestDb(backend)
    ctx.app = createApp(ctx.db)
  })
  afterAll(closeTestDbs)
  return ctx
}

/** GET through the app and parse the JSON body. */
export async function getJson<T = any>(app: ReturnType<typeof createApp>, path: string, init?: RequestInit) {
  const res = await app.request(path, init)
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T }
}
