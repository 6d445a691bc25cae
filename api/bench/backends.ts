import { rmSync } from 'node:fs'
import { DEFAULT_DEMO_PASSWORD } from '@antt/data'
import { type Db, openPglite, openPostgres } from '@antt/data/db'
import { copyTestTemplate, prepareTestDatabases } from '@antt/data/testing'
import type { createApp } from '../src/app.ts'

/** Signs a demo account in through the app: the session cookie and CSRF token of its answer. */
export async function benchSignIn(
  app: ReturnType<typeof createApp>,
  username: string,
): Promise<{ cookie: string; csrf: string }> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status}`)
  const { csrf_token: csrf } = (await res.json()) as { csrf_token: string }
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf }
}

export interface BenchBackend {
  name: string
  open: () => Promise<{ db: Db; close: () => Promise<void> }>
}

/** The databases a benchmark measures: a private copy of the seeded embedded template, and the server at DATABASE_URL if set. */
export function benchBackends(): BenchBackend[] {
  const backends: BenchBackend[] = [
    {
      name: 'embedded (PGlite)',
      open: async () => {
        await prepareTestDatabases()
        const dir = await copyTestTemplate()
        const db = await openPglite(dir)
        return {
          db,
          close: async () => {
            await db.close()
            rmSync(dir, { recursive: true, force: true })
          },
        }
      },
    },
  ]
  const url = process.env.DATABASE_URL
  if (url)
    backends.push({
      name: 'server (PostgreSQL)',
      open: async () => {
        const db = await openPostgres(url, { max: 4 })
        return { db, close: () => db.close() }
      },
    })
  return backends
}
